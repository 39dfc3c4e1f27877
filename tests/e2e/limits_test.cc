// End to end: inputs that ask for more than vigil allows are refused with
// exit code 2 and "path:line: field: problem", and running out of memory is
// exit code 4 with a message, never a bare "std::bad_alloc".
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "fixture.h"

namespace vigil::e2e {
namespace {

class LimitsTest : public CliTest {
 protected:
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = dir_ + "/" + name;
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  static std::string Read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
};

TEST_F(LimitsTest, DeclaredNetworkSizesBeyondTheLimitsAreBadInput) {
  struct Case {
    const char* name;
    const char* text;
    const char* message;
  } cases[] = {
      {"a.net", "*Vertices 2000000000\n",
       "a.net:1: *Vertices: 2000000000 vertices: more than the 1000000 a file of 21 bytes may "
       "declare (a million, beyond that one per byte of the file)"},
      {"b.net", "*Vertices 1e300\n", "b.net:1: *Vertices: 1e300 vertices: more than the"},
      {"c.net", "% thirty bytes or so\n*Vertices 20000000\n", "c.net:2: *Vertices: 20000000"},
      {"d.dl", "DL N=2000000000\ndata:\n", "d.dl:1: n: 2000000000 nodes: more than the"},
      {"e.dl", "DL N=300000 format=fullmatrix\ndata:\n0 1 0\n", "e.dl:3: data: the matrix ends"},
  };
  for (const auto& c : cases) {
    auto r = RunVigil({"rank", "--measure", "degree", "--graph", Write(c.name, c.text)});
    EXPECT_EQ(r.exit_code, 2) << c.name << ": " << r.err;
    EXPECT_EQ(r.err.rfind("vigil: " + dir_ + "/" + c.message, 0), 0u) << c.name << ": " << r.err;
  }
}

TEST_F(LimitsTest, BatchRowNestedTooDeeplyIsARowProblem) {
  ASSERT_EQ(LoadMini().exit_code, 0);
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  std::string input = Write("rows.jsonl", "{\"name\": \"Karim Yusufzai\", \"x\": " + deep +
                                              "}\n{\"name\": \"Karim Yusufzai\"}\n");
  std::string output = dir_ + "/out.jsonl";
  auto r = Vigil({"screen", "--input", input, "--output", output});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("rows.jsonl:1: x: nested deeper than 32 levels; row skipped"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Read(output).find("\"line\":1,"), std::string::npos);
  EXPECT_NE(Read(output).find("\"line\":2,"), std::string::npos);
}

// Runs vigil through sh with its address space limited to 256 MB, where a
// file declaring ten million vertices (allowed in a file of ten million
// bytes) cannot be read.
TEST_F(LimitsTest, OutOfMemoryIsExitCodeFourWithAMessage) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  GTEST_SKIP() << "AddressSanitizer reserves more address space than the limit";
#endif
#endif
  std::string net =
      Write("big.net", "%" + std::string(10000000, 'x') + "\n*Vertices 10000000\n*Arcs\n1 2\n");
  std::string err = dir_ + "/err.txt";
  std::string command = "ulimit -v 262144 && exec '" VIGIL_BINARY "' rank --measure degree --graph '" +
                        net + "' --top 1 2>'" + err + "' >/dev/null";
  int status = std::system(("/bin/sh -c \"" + command + "\"").c_str());
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 4) << Read(err);
  EXPECT_NE(Read(err).find("vigil: out of memory while running 'vigil rank'"), std::string::npos)
      << Read(err);
  EXPECT_EQ(Read(err).find("std::bad_alloc"), std::string::npos) << Read(err);
}

}  // namespace
}  // namespace vigil::e2e
