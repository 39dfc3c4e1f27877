// BatchRequestFromQuery: the CLI's batch options as query parameters, with
// errors naming the parameter; the summary, error and audit lines.
#include "vigil/engine/json/batch_stream_json.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(BatchRequestFromQueryTest, ReadsTheCliOptionsByTheirSnakeCaseNames) {
  auto r = BatchRequestFromQuery({{"name_column", "first,last"},
                                  {"name_column", "middle"},
                                  {"id_column", "ref"},
                                  {"country", "AF"},
                                  {"kind", "person"},
                                  {"threshold", "0.9"},
                                  {"top", "3"}});
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->name_columns, (std::vector<std::string>{"first", "last", "middle"}));
  EXPECT_EQ(r->id_column, "ref");
  EXPECT_EQ(r->country, "AF");
  EXPECT_EQ(r->kind, "person");
  EXPECT_DOUBLE_EQ(r->threshold, 0.9);
  EXPECT_EQ(r->top, 3u);
  EXPECT_EQ(r->output, BatchFormat::kJsonLines);
  auto defaults = BatchRequestFromQuery({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_TRUE(defaults->name_columns.empty());
  EXPECT_DOUBLE_EQ(defaults->threshold, kDefaultScreenThreshold);
}

TEST(BatchRequestFromQueryTest, ABadParameterIsAnErrorNamingIt) {
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"treshold", "0.9"}}).status()), "treshold");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"threshold", "high"}}).status()), "threshold");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"threshold", "1.5"}}).status()), "threshold");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"top", "-1"}}).status()), "top");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"top", "0"}}).status()), "top");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"dob", "last year"}}).status()), "dob");
  EXPECT_EQ(FieldOf(BatchRequestFromQuery({{"kind", "vessel"}}).status()), "kind");
}

TEST(BatchStreamJsonTest, SummaryErrorAndAuditLines) {
  BatchSummary s;
  s.input = "body";
  s.rows = 4;
  s.screened = 3;
  s.skipped = 1;
  s.rows_with_hits = 2;
  s.hits = 5;
  s.problems = {"body:2: name: is empty; row skipped"};
  s.lists = {{"un-consolidated", "un-list", "2025-04-19+abc", "2025-04-19", "abc", 877}};
  Json summary = Json::parse(BatchSummaryLine(s));
  EXPECT_EQ(summary["summary"]["screened"], 3);
  EXPECT_EQ(summary["summary"]["problems"][0], "body:2: name: is empty; row skipped");
  EXPECT_EQ(BatchSummaryLine(s).back(), '\n');

  Json error = Json::parse(BatchErrorLine(FieldError("threshold", "must be a number")));
  EXPECT_EQ(error["error"]["code"], "invalid_field");
  EXPECT_EQ(error["error"]["field"], "threshold");
  Json internal = Json::parse(BatchErrorLine(absl::InternalError("sqlite: disk I/O error")));
  EXPECT_EQ(internal["error"]["message"], "internal error");  // no internal details

  Json audit = BatchAuditDetail(s, true);
  EXPECT_EQ(audit.dump(),
            R"({"rows":4,"screened":3,"skipped":1,"rows_with_hits":2,"hits":5,"threshold":0.8,)"
            R"("lists":["un-consolidated@2025-04-19"],"complete":true})");
}

}  // namespace
}  // namespace vigil
