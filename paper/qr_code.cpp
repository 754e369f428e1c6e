#include "paper/qr_code.h"

#include <qrencode.h>

#include <cerrno>
#include <memory>

namespace intake::paper {
namespace {

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

Result<QrMatrix> EncodeQr(const std::string& text, char level) {
  QRecLevel ec = level == 'L' ? QR_ECLEVEL_L
                 : level == 'M' ? QR_ECLEVEL_M
                 : level == 'H' ? QR_ECLEVEL_H
                                : QR_ECLEVEL_Q;
  std::unique_ptr<QRcode, QrFree> code(
      QRcode_encodeString(text.c_str(), 0, ec, QR_MODE_8, /*casesensitive=*/1));
  if (!code) {
    int err = errno;
    if (err == ERANGE) {
      return InvalidArgument("QR payload of " + std::to_string(text.size()) +
                             " bytes is too long for one symbol");
    }
    return Internal("libqrencode failed to encode a payload of " + std::to_string(text.size()) +
                    " bytes (errno " + std::to_string(err) + ")");
  }
  QrMatrix m;
  m.size = code->width;
  m.dark.resize(static_cast<size_t>(m.size) * m.size);
  for (size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1;
  return m;
}

}  // namespace intake::paper
