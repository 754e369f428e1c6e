#include "capture/capture_fault.h"

namespace intake::capture {

namespace {
bool Contains(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}
}  // namespace

std::string_view FaultKindName(FaultKind kind) {
  switch (kind) {
    case FaultKind::kJam: return "jam";
    case FaultKind::kCoverOpen: return "cover_open";
    case FaultKind::kFeederEmpty: return "feeder_empty";
    case FaultKind::kBusy: return "busy";
    case FaultKind::kIoError: return "io_error";
    case FaultKind::kNoResponse: return "no_response";
    case FaultKind::kCancelled: return "cancelled";
    case FaultKind::kNoMemory: return "no_memory";
    case FaultKind::kDiskFull: return "disk_full";
    case FaultKind::kBadSettings: return "bad_settings";
    case FaultKind::kNotFound: return "not_found";
    case FaultKind::kOther: return "other";
  }
  return "other";
}

CaptureFault ClassifyFault(const Status& status, int broken_page) {
  CaptureFault f;
  f.status = status;
  f.broken_page = broken_page;
  const std::string& m = status.message();
  switch (status.code()) {
    case Code::kDeviceFault:
      if (Contains(m, "jammed")) f.kind = FaultKind::kJam;
      else if (Contains(m, "cover")) f.kind = FaultKind::kCoverOpen;
      else f.kind = FaultKind::kIoError;
      break;
    case Code::kNoDocuments: f.kind = FaultKind::kFeederEmpty; break;
    case Code::kUnavailable:
      f.kind = Contains(m, "stopped answering") ? FaultKind::kNoResponse : FaultKind::kBusy;
      break;
    case Code::kCancelled: f.kind = FaultKind::kCancelled; break;
    case Code::kResourceExhausted:
      f.kind = Contains(m, "disk") || Contains(m, "space") ? FaultKind::kDiskFull
                                                           : FaultKind::kNoMemory;
      break;
    case Code::kIoError: f.kind = FaultKind::kDiskFull; break;
    case Code::kInvalidArgument:
    case Code::kFailedPrecondition: f.kind = FaultKind::kBadSettings; break;
    case Code::kNotFound: f.kind = FaultKind::kNotFound; break;
    default: f.kind = FaultKind::kOther; break;
  }
  const std::string page = broken_page > 0 ? std::to_string(broken_page) : "";
  const std::string kept = broken_page > 1
      ? " Сторінки 1–" + std::to_string(broken_page - 1) + " збережено."
      : "";
  const std::string redo = broken_page > 0
      ? " Сторінку " + page + " не збережено: покладіть її знову першою."
      : "";
  switch (f.kind) {
    case FaultKind::kJam:
      f.message_uk = "Папір застряг у сканері. Відкрийте кришку, обережно витягніть аркуш, "
                     "закрийте кришку і натисніть «Продовжити»." + kept + redo;
      break;
    case FaultKind::kCoverOpen:
      f.message_uk = "Кришка сканера відкрита. Закрийте її і натисніть «Продовжити»." + kept + redo;
      break;
    case FaultKind::kFeederEmpty:
      f.message_uk = "У лотку подавача немає паперу. Покладіть документи лицем донизу "
                     "і натисніть «Сканувати».";
      break;
    case FaultKind::kBusy:
      f.message_uk = "Сканер зайнятий іншою програмою. Закрийте її або зачекайте хвилину "
                     "і спробуйте знову.";
      break;
    case FaultKind::kIoError:
      f.message_uk = "Зв'язок зі сканером перервано під час сканування. Перевірте кабель "
                     "і живлення сканера, потім натисніть «Продовжити»." + kept + redo;
      break;
    case FaultKind::kNoResponse:
      f.message_uk = "Сканер перестав відповідати; сканування скасовано і сканер "
                     "перепідключено. Перевірте папір і натисніть «Продовжити»." + kept + redo;
      break;
    case FaultKind::kCancelled:
      f.message_uk = "Сканування скасовано." + kept + redo;
      break;
    case FaultKind::kNoMemory:
      f.message_uk = "Сканерові забракло пам'яті. Зменште роздільність і спробуйте знову." + kept;
      break;
    case FaultKind::kDiskFull:
      f.message_uk = "Не вдалося записати сторінку на диск (можливо, диск заповнений). "
                     "Зверніться до адміністратора." + kept;
      break;
    case FaultKind::kBadSettings:
      f.message_uk = "Сканер не приймає ці налаштування. Оберіть інший профіль сканування.";
      break;
    case FaultKind::kNotFound:
      f.message_uk = "Сканер не знайдено. Перевірте, чи він увімкнений і під'єднаний.";
      break;
    case FaultKind::kOther:
      f.message_uk = "Помилка сканера. Спробуйте ще раз; якщо не допоможе — зверніться до "
                     "адміністратора." + kept;
      break;
  }
  f.log_message = std::string("scan fault ") + std::string(FaultKindName(f.kind)) +
                  (broken_page > 0 ? " at page " + page : "") + ": " + status.ToString();
  return f;
}

}  // namespace intake::capture
