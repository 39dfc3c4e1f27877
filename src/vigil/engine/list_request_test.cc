// ListRequest: tables parsed by name, filters checked with errors that name
// the field (and the nearest word), before any store is opened.
#include "vigil/engine/list_request.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

// The field a request's error names, and its message.
std::pair<std::string, std::string> ErrorOf(const ListRequest& request) {
  Status s = request.Validate();
  EXPECT_EQ(s.code(), s.ok() ? absl::StatusCode::kOk : absl::StatusCode::kInvalidArgument);
  return {FieldOf(s), std::string(s.message())};
}

TEST(ListRequestTest, TablesParseByName) {
  for (std::string_view name : {"entities", "relations", "events", "estimates", "sources"}) {
    auto table = ParseListTable(name);
    ASSERT_TRUE(table.ok()) << name;
    EXPECT_EQ(ListTableName(*table), name);
  }
  EXPECT_EQ(*ParseListTable("events"), ListTable::kEvents);
  auto near = ParseListTable("entites");
  EXPECT_EQ(FieldOf(near.status()), "what");
  EXPECT_EQ(near.status().message(), "what: unknown table 'entites' (did you mean 'entities'?)");
  EXPECT_EQ(ParseListTable("widgets").status().message(),
            "what: unknown table 'widgets' (expected entities, relations, events, estimates or "
            "sources)");
}

TEST(ListRequestTest, GoodFiltersPass) {
  EXPECT_TRUE((ListRequest{}).Validate().ok());
  EXPECT_TRUE((ListRequest{.what = ListTable::kEntities, .kind = "person"}).Validate().ok());
  EXPECT_TRUE((ListRequest{.what = ListTable::kEvents, .kind = "bombing", .as_of = "2018-05"})
                  .Validate()
                  .ok());
  EXPECT_TRUE(
      (ListRequest{.what = ListTable::kRelations, .predicate = "allied_with", .as_of = "2023"})
          .Validate()
          .ok());
  EXPECT_TRUE((ListRequest{.what = ListTable::kEstimates, .as_of = "2020"}).Validate().ok());
}

TEST(ListRequestTest, BadFiltersNameTheirField) {
  EXPECT_EQ(ErrorOf({.what = ListTable::kEntities, .kind = "persn"}),
            std::make_pair(std::string("kind"),
                           std::string("kind: unknown entity kind 'persn' (did you mean "
                                       "'person'?)")));
  EXPECT_EQ(ErrorOf({.what = ListTable::kEvents, .kind = "xyzzyqwv"}).first, "kind");
  EXPECT_NE(
      ErrorOf({.what = ListTable::kEvents, .kind = "xyzzyqwv"}).second.find("expected one of: "),
      std::string::npos);
  EXPECT_EQ(ErrorOf({.what = ListTable::kRelations, .predicate = "leader_off"}),
            std::make_pair(std::string("predicate"),
                           std::string("predicate: unknown predicate 'leader_off' (did you mean "
                                       "'leader_of'?)")));
  EXPECT_EQ(ErrorOf({.what = ListTable::kRelations, .kind = "person"}),
            std::make_pair(std::string("kind"),
                           std::string("kind: does not apply to relations; filter them by "
                                       "predicate")));
  EXPECT_EQ(ErrorOf({.what = ListTable::kSources, .kind = "person"}).second,
            "kind: does not apply to sources");
  EXPECT_EQ(ErrorOf({.what = ListTable::kEstimates, .kind = "person"}).second,
            "kind: does not apply to estimates");
  EXPECT_EQ(ErrorOf({.what = ListTable::kEvents, .predicate = "arms"}),
            std::make_pair(std::string("predicate"),
                           std::string("predicate: applies to relations only")));
  auto date = ErrorOf({.what = ListTable::kRelations, .as_of = "2021-13"});
  EXPECT_EQ(date.first, "as_of");
  EXPECT_EQ(date.second.rfind("as_of: invalid date '2021-13'", 0), 0u) << date.second;
}

}  // namespace
}  // namespace vigil
