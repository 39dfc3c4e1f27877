// SHA-256 of byte strings (OpenSSL), as lower-case hex.
//
//   Sha256Hex("abc")                       // one call
//   Sha256 h; h.Update(a); h.Update(b);    // or in pieces, without copying
//   std::string hex = h.FinishHex();
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace vigil {

std::string Sha256Hex(std::string_view bytes);

// Incremental SHA-256. FinishHex() ends it; Update() after that is an error.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void Update(std::string_view bytes);
  std::string FinishHex();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace vigil
