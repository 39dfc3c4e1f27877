// Wall-clock timestamps for records that people and regulators read.
#pragma once

#include <string>

namespace vigil {

// Now, in UTC, as ISO 8601 with milliseconds: "2026-11-30T14:05:09.123Z".
// Strings of this form sort in time order.
std::string UtcTimestamp();

}  // namespace vigil
