#include "fixture.h"

#include <fstream>
#include <sstream>

namespace vigil::e2e {

void CliTest::Edit(const std::string& file, const std::string& from, const std::string& to) {
  std::string path = data_ + "/" + file;
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  auto at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from << " not in " << file;
  text.replace(at, from.size(), to);
  WriteFile(file, text);
}

void CliTest::WriteFile(const std::string& file, const std::string& text) {
  std::ofstream out(data_ + "/" + file, std::ios::binary | std::ios::trunc);
  out << text;
}

}  // namespace vigil::e2e
