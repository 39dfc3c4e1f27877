// Error conventions for vigil.
//
// Fallible calls return absl::Status / absl::StatusOr<T>. Input that is wrong
// (a malformed file, an unknown reference) is InvalidArgument and its message
// names the place: "path:line: field: problem". ExitCodeFor() is the one table
// that maps a status to the CLI's exit code.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace vigil {

using absl::Status;
using absl::StatusOr;

// A place in an input file; line is 1-based, 0 when unknown.
struct FilePosition {
  std::string path;
  int line = 0;
};

// "path:line: field: message" (parts that are empty are left out).
std::string FormatInputError(const FilePosition& where, std::string_view field,
                             std::string_view message);

// InvalidArgument status carrying FormatInputError's text.
Status InputError(const FilePosition& where, std::string_view field,
                  std::string_view message);

// An InvalidArgument about a field of a request or of an option struct:
// "field: message", with the field's snake_case name also attached as the
// payload kFieldPayload, so that each front end can name it its own way
// (the CLI as its flag, --as-of; the HTTP API as the JSON field, as_of).
inline constexpr char kFieldPayload[] = "vigil.dev/field";
Status FieldError(std::string_view field, std::string_view message);
// The field a status is about, or "" when it names none.
std::string FieldOf(const Status& status);

// A checked field's verdict: OK when problem is empty, else FieldError.
Status FieldProblem(std::string_view field, const std::string& problem);

// A record a query must find (a row that another row refers to): its
// error, or InternalError "<what> is missing" when it is gone.
template <typename T>
StatusOr<T> Required(StatusOr<std::optional<T>> record, std::string_view what) {
  if (!record.ok()) return record.status();
  if (!*record) return absl::InternalError(std::string(what) + " is missing");
  return std::move(**record);
}

// Process exit codes used by every front end.
enum class ExitCode : int {
  kOk = 0,
  kCheckFailed = 1,  // the command ran, and what it checked is wrong (verify)
  kBadInput = 2,     // malformed input or arguments; nothing was written
  kNotFound = 3,     // a name or id that resolves to nothing
  kInternal = 4,     // database or system failure
};

ExitCode ExitCodeFor(const Status& status);

// The HTTP status of a failed request: InvalidArgument 422 when it names a
// field (FieldError) and 400 otherwise, NotFound 404, AlreadyExists and
// FailedPrecondition 409, Unauthenticated 401, PermissionDenied 403,
// ResourceExhausted 413, Unavailable 503, anything else 500.
int HttpStatusFor(const Status& status);

}  // namespace vigil
