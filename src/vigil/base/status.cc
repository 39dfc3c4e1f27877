// Error formatting and the status-to-exit-code table.
#include "vigil/base/status.h"

#include <fmt/format.h>

#include "absl/strings/cord.h"

namespace vigil {

std::string FormatInputError(const FilePosition& where, std::string_view field,
                             std::string_view message) {
  std::string out = where.path;
  if (where.line > 0) out += fmt::format(":{}", where.line);
  if (!out.empty()) out += ": ";
  if (!field.empty()) out += fmt::format("{}: ", field);
  out += message;
  return out;
}

Status InputError(const FilePosition& where, std::string_view field,
                  std::string_view message) {
  return absl::InvalidArgumentError(FormatInputError(where, field, message));
}

Status FieldError(std::string_view field, std::string_view message) {
  Status status = absl::InvalidArgumentError(fmt::format("{}: {}", field, message));
  status.SetPayload(kFieldPayload, absl::Cord(std::string(field)));
  return status;
}

std::string FieldOf(const Status& status) {
  auto payload = status.GetPayload(kFieldPayload);
  return payload ? std::string(*payload) : std::string();
}

Status FieldProblem(std::string_view field, const std::string& problem) {
  return problem.empty() ? absl::OkStatus() : FieldError(field, problem);
}

ExitCode ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return ExitCode::kOk;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
    case absl::StatusCode::kAlreadyExists:
      return ExitCode::kBadInput;
    case absl::StatusCode::kNotFound:
      return ExitCode::kNotFound;
    case absl::StatusCode::kFailedPrecondition:
      return ExitCode::kCheckFailed;
    default:
      return ExitCode::kInternal;
  }
}

int HttpStatusFor(const Status& status) {
  switch (status.code()) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return FieldOf(status).empty() ? 400 : 422;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kResourceExhausted:
      return 413;
    case absl::StatusCode::kUnavailable:
      return 503;
    default:
      return 500;
  }
}

}  // namespace vigil
