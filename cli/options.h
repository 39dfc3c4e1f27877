// Checks of numeric command-line options that CLI11 does not make.
//
// CLI11 reads "nan", "inf" and "-inf" into a double, and its CLI::Range lets
// NaN through (every comparison with NaN is false): a NaN confidence or
// resolution would run and quietly mean nothing. Options whose range the
// library checks (screen's --threshold and --top: match::ScreenQuery::
// Validate()) need no more than CLI11's conversion; the others take these.
//
//   cmd->add_option("--resolution", r)->check(FiniteNumber());
//   cmd->add_option("--seed", seed)->check(AtLeast(0));
#pragma once

#include <CLI/CLI.hpp>

namespace vigil::cli {

// A finite number: refuses nan, inf and -inf.
CLI::Validator FiniteNumber();
// A finite number no smaller than least (a negative count wrapped by an
// unsigned option, a negative --top).
CLI::Validator AtLeast(double least);

}  // namespace vigil::cli
