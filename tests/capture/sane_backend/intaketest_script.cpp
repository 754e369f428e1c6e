#include "intaketest_script.h"

#include <fstream>
#include <sstream>

namespace intaketest {

Script LoadScript(const std::string& dir) {
  Script s;
  std::ifstream in(dir + "/script");
  std::string line;
  while (std::getline(in, line)) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string key, value;
    if (!(words >> key)) continue;
    std::getline(words >> std::ws, value);
    auto number = [&] { return value.empty() ? 0 : std::stoi(value); };
    if (key == "page") s.feeder.push_back(value);
    else if (key == "flatbed") s.flatbed = value;
    else if (key == "jam_at") s.jam_at = number();
    else if (key == "ioerror_at") s.ioerror_at = number();
    else if (key == "double_feed_at") s.double_feed_at = number();
    else if (key == "hang_at") s.hang_at = number();
    else if (key == "cover_open") s.cover_open = true;
    else if (key == "hand_scanner") s.hand_scanner = true;
    else if (key == "max_dpi") s.max_dpi = number();
    else if (key == "chunk") s.chunk = number() > 0 ? number() : 65536;
  }
  return s;
}

namespace {
bool NextToken(std::istream& in, std::string& token) {
  token.clear();
  char c;
  while (in.get(c)) {
    if (c == '#') {
      std::string rest;
      std::getline(in, rest);
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!token.empty()) return true;
      continue;
    }
    token += c;
  }
  return !token.empty();
}
}  // namespace

Image LoadPnm(const std::string& path) {
  Image image;
  std::ifstream in(path, std::ios::binary);
  std::string magic, w, h, maxval;
  if (!NextToken(in, magic) || (magic != "P5" && magic != "P6")) return image;
  if (!NextToken(in, w) || !NextToken(in, h) || !NextToken(in, maxval)) return image;
  // NextToken consumed the single whitespace after maxval.
  if (std::stoi(maxval) != 255) return image;
  image.width = std::stoi(w);
  image.height = std::stoi(h);
  image.channels = magic == "P6" ? 3 : 1;
  image.pixels.resize(static_cast<size_t>(image.width) * image.height * image.channels);
  in.read(reinterpret_cast<char*>(image.pixels.data()),
          static_cast<std::streamsize>(image.pixels.size()));
  if (!in) image = Image{};
  return image;
}

bool TakeButton(const std::string& dir, const std::string& button) {
  const std::string path = dir + "/buttons";
  std::ifstream in(path);
  std::vector<std::string> kept;
  std::string line;
  bool pressed = false;
  while (std::getline(in, line)) {
    if (!pressed && line == button) pressed = true;
    else if (!line.empty()) kept.push_back(line);
  }
  in.close();
  if (pressed) {
    std::ofstream out(path, std::ios::trunc);
    for (const auto& k : kept) out << k << "\n";
  }
  return pressed;
}

int ReadCounter(const std::string& path) {
  std::ifstream in(path);
  int v = 0;
  in >> v;
  return v;
}

void WriteCounter(const std::string& path, int value) {
  std::ofstream out(path, std::ios::trunc);
  out << value << "\n";
}

}  // namespace intaketest
