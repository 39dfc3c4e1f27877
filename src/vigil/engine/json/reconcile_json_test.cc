// Reconciliation queries read into screening requests, candidates' scores
// and the clear-match rule, and previews' escaping.
#include "vigil/engine/json/reconcile_json.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(ReconcileJsonTest, QueriesBecomeScreeningRequests) {
  auto parsed = ParseReconcileQueries(Json::parse(R"({
      "q0": {"query": "Karim", "type": "Company", "limit": 7,
             "properties": [{"pid": "birthDate", "v": ["1970", "1971"]},
                            {"pid": "country", "v": {"id": "af"}}]},
      "q1": {"query": "Front", "type": ["Person", "Organization"],
             "properties": [{"pid": "dob", "v": "unknown"}, {"pid": "nationality", "v": "Atlantis"}]},
      "q2": {"query": " "}})"));
  ASSERT_TRUE(parsed.ok()) << parsed.status();
  ASSERT_EQ(parsed->size(), 3u);
  const ScreenRequest& q0 = (*parsed)[0].request;
  EXPECT_EQ(q0.name, "Karim");
  EXPECT_EQ(q0.kind, "organization");
  EXPECT_EQ(q0.top, 7u);
  EXPECT_EQ(q0.dob, "1970");
  EXPECT_EQ(q0.country, "af");
  EXPECT_DOUBLE_EQ(q0.threshold, kReconcileCutoff);
  // Mixed types screen either kind; unreadable cells are left out.
  const ScreenRequest& q1 = (*parsed)[1].request;
  EXPECT_EQ(q1.kind, "any");
  EXPECT_EQ(q1.dob, "");
  EXPECT_EQ(q1.country, "");
  EXPECT_EQ(q1.top, kReconcileDefaultLimit);
  EXPECT_FALSE((*parsed)[1].empty);
  EXPECT_TRUE((*parsed)[2].empty);
}

TEST(ReconcileJsonTest, ErrorsNameTheQueryAndField) {
  struct Case {
    const char* queries;
    const char* field;
  } cases[] = {
      {R"([])", "queries"},
      {R"({})", "queries"},
      {R"({"q0": {"name": "Karim"}})", "queries.q0.name"},
      {R"({"q0": {"type": "Person"}})", "queries.q0.query"},
      {R"({"q0": {"query": "Karim", "type": "Vessel"}})", "queries.q0.type"},
      {R"({"q0": {"query": "Karim", "limit": 0}})", "queries.q0.limit"},
      {R"({"q0": {"query": "Karim", "properties": [{"v": "x"}]}})", "queries.q0.properties[0].pid"},
  };
  for (const auto& c : cases) {
    auto parsed = ParseReconcileQueries(Json::parse(c.queries));
    ASSERT_FALSE(parsed.ok()) << c.queries;
    EXPECT_EQ(FieldOf(parsed.status()), c.field) << c.queries << ": " << parsed.status();
  }
}

TEST(ReconcileJsonTest, OnlyAClearTopHitIsAMatch) {
  ScreenResponse response;
  ScreenHit a, b;
  a.entity = "a";
  a.kind = "person";
  a.score = 0.956;
  a.name_score = 0.95;
  b.entity = "b";
  b.kind = "organization";
  b.score = 0.7;
  response.hits = {a, b};
  Json result = ReconcileCandidates(response)["result"];
  EXPECT_EQ(result[0]["score"], 95.6);
  EXPECT_EQ(result[0]["match"], true);
  EXPECT_EQ(result[1]["match"], false);
  EXPECT_EQ(result[1]["type"][0]["id"], "Organization");
  response.hits[1].score = 0.9;  // too close behind
  EXPECT_EQ(ReconcileCandidates(response)["result"][0]["match"], false);
  response.hits = {b};  // alone but too low
  EXPECT_EQ(ReconcileCandidates(response)["result"][0]["match"], false);
}

TEST(ReconcileJsonTest, PreviewEscapesListedText) {
  ScreenHit hit;
  hit.entity = "x-1";
  hit.name = "<script>alert('x')</script>";
  hit.kind = "person";
  hit.dataset = "ofac-sdn";
  hit.names = {{"A & B \"C\"", "alias", "Latn"}};
  std::string html = ReconcilePreviewHtml(hit);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos)
      << html;
  EXPECT_NE(html.find("A &amp; B &quot;C&quot;"), std::string::npos) << html;
}

}  // namespace
}  // namespace vigil
