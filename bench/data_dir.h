// Where the benchmarks find ../shared/data (VIGIL_DATA_DIR overrides).
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace vigil::bench {

inline std::string DataDir() {
  if (const char* dir = std::getenv("VIGIL_DATA_DIR")) return dir;
  return (std::filesystem::path(__FILE__).parent_path() / ".." / ".." / "shared" / "data")
      .lexically_normal();
}

}  // namespace vigil::bench
