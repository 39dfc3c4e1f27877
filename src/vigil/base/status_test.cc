#include "vigil/base/status.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(StatusTest, FieldErrorsCarryTheirField) {
  Status s = FieldError("as_of", "'2021-13' is not a date");
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(std::string(s.message()), "as_of: '2021-13' is not a date");
  EXPECT_EQ(FieldOf(s), "as_of");
  EXPECT_EQ(FieldOf(absl::InvalidArgumentError("as_of: x")), "");
  EXPECT_EQ(ExitCodeFor(s), ExitCode::kBadInput);
}

TEST(StatusTest, HttpStatusesFollowTheTable) {
  EXPECT_EQ(HttpStatusFor(FieldError("threshold", "bad")), 422);
  EXPECT_EQ(HttpStatusFor(absl::InvalidArgumentError("malformed")), 400);
  EXPECT_EQ(HttpStatusFor(absl::NotFoundError("x")), 404);
  EXPECT_EQ(HttpStatusFor(absl::AlreadyExistsError("x")), 409);
  EXPECT_EQ(HttpStatusFor(absl::UnauthenticatedError("x")), 401);
  EXPECT_EQ(HttpStatusFor(absl::PermissionDeniedError("x")), 403);
  EXPECT_EQ(HttpStatusFor(absl::UnavailableError("x")), 503);
  EXPECT_EQ(HttpStatusFor(absl::InternalError("x")), 500);
}

TEST(StatusTest, InputErrorsNameThePlace) {
  EXPECT_EQ(std::string(InputError({"list.xml", 12}, "DATAID", "missing").message()),
            "list.xml:12: DATAID: missing");
  EXPECT_EQ(std::string(InputError({"list.xml", 0}, "", "empty").message()), "list.xml: empty");
}

}  // namespace
}  // namespace vigil
