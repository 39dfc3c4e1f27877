#include "vigil/base/sodium.h"

#include <fmt/format.h>
#include <sodium.h>

namespace vigil {

Status InitSodium() {
  static const int result = sodium_init();
  if (result < 0) return absl::InternalError("libsodium could not be initialised");
  return absl::OkStatus();
}

std::string RandomBytes(size_t n) {
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return bytes;
}

std::string HexOf(std::string_view bytes) {
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                 bytes.size());
  out.pop_back();
  return out;
}

StatusOr<std::string> BytesOfHex(std::string_view hex, std::string_view what) {
  std::string out(hex.size() / 2, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (hex.size() % 2 != 0 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(),
                     hex.size(), nullptr, &length, &end) != 0 ||
      end != hex.data() + hex.size())
    return absl::InvalidArgumentError(fmt::format("{}: not hexadecimal bytes", what));
  out.resize(length);
  return out;
}

std::string Base64Url(std::string_view bytes) {
  size_t size = sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  std::string out(size, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::char_traits<char>::length(out.c_str()));
  return out;
}

StatusOr<std::string> BytesOfBase64Url(std::string_view text, std::string_view what) {
  std::string out(text.size() * 3 / 4 + 3, '\0');
  size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size())
    return absl::InvalidArgumentError(fmt::format("{}: not URL-safe base64", what));
  out.resize(length);
  return out;
}

}  // namespace vigil
