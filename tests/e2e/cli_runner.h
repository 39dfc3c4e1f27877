// Runs the real vigil binary for end-to-end tests and captures what it prints.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace vigil::e2e {

struct RunResult {
  int exit_code = -1;  // -signal when killed by a signal
  std::string out, err;
};

// Runs VIGIL_BINARY with args; env entries are added to the environment.
RunResult RunVigil(const std::vector<std::string>& args,
                   const std::map<std::string, std::string>& env = {});

std::string SourceDir();      // the repository root
std::string SeedsDir();       // ../shared/seeds beside the repository
std::string SharedDataDir();  // ../shared/data beside the repository
std::string TempDir();        // a fresh folder for this test

// A whole file's bytes ("" when it cannot be read: the test's comparison
// then fails with the difference).
std::string ReadText(const std::string& path);

// text with every occurrence of from replaced by to.
std::string ReplaceAll(std::string text, const std::string& from, const std::string& to);

}  // namespace vigil::e2e
