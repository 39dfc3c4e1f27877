// Helpers the tests share (included only by *_test.cc files): where the
// repository's fixtures are, a folder for a test's own files, a generated
// OFAC list, the values of a list record's field, one edit of a fixture's
// text, a refusal's message, and the time a call takes.
#pragma once

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "vigil/base/status.h"
#include "vigil/model/model.h"

namespace vigil::test_support {

// The repository root (VIGIL_SOURCE_DIR, set by tests/CMakeLists.txt).
inline std::string SourceDir() { return VIGIL_SOURCE_DIR; }

// A path under tests/fixtures.
inline std::string FixturePath(const std::string& relative) {
  return SourceDir() + "/tests/fixtures/" + relative;
}

// A folder of a test's own under the system's temporary folder (named with
// tag and the process id), emptied at the start and removed at the end.
class TempFiles : public ::testing::Test {
 protected:
  explicit TempFiles(const std::string& tag)
      : dir_(std::filesystem::temp_directory_path() /
             ("vigil-" + tag + "-" + std::to_string(::getpid()))) {}
  void SetUp() override {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  // Writes text to a file of that name in the folder; its path.
  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  std::filesystem::path dir_;
};

// An OFAC SDN.CSV of records 1..n: individuals named "PERSON, Number i",
// each in SDGT; the record numbered `bad` (when given) has an unknown type.
inline std::string NumberedSdnCsv(int n, int bad = 0) {
  std::string out;
  for (int i = 1; i <= n; ++i) {
    out += std::to_string(i);
    out += ",\"PERSON, Number ";
    out += std::to_string(i);
    out += "\",";
    out += i == bad ? "militant" : "individual";
    out += ",SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n";
  }
  return out;
}

// The values a list record holds under key, in order.
inline std::vector<std::string> ValuesOf(const ::vigil::Entity& entity, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& [k, v] : entity.values)
    if (k == key) out.push_back(v);
  return out;
}

// text with the first occurrence of from replaced by to; a test failure
// when from is not there (the edit would otherwise test nothing).
inline std::string ReplaceOnce(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at == std::string::npos) return text;
  return text.replace(at, from.size(), to);
}

inline std::string MessageOf(const Status& status) { return std::string(status.message()); }

// A refused input: invalid argument, with every part in its message.
template <typename T>
void ExpectRefusal(const StatusOr<T>& result, const std::vector<std::string>& parts) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  for (const auto& part : parts)
    EXPECT_NE(result.status().message().find(part), std::string::npos)
        << part << " not in: " << result.status().message();
}

// Seconds a call takes on the steady clock.
template <class F>
double SecondsFor(F&& f) {
  auto start = std::chrono::steady_clock::now();
  std::forward<F>(f)();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The limit tests' bound: a linear read of their inputs takes well under a
// second, even under the sanitizers; a quadratic one takes minutes.
constexpr double kLinearSeconds = 30;

}  // namespace vigil::test_support
