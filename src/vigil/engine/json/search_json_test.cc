// Search parameters read into SearchRequest (vigil's and yente's), and the
// FtM entity of a knowledge-base card.
#include "vigil/engine/json/search_json.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

const std::vector<std::string> kKnown = {"curated", "un-consolidated", "ofac-sdn"};

TEST(SearchJsonTest, YenteDatasetsNarrowThePath) {
  auto all = YenteSearchFromQuery("default", {{"q", "Front"}}, kKnown);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_TRUE(all->datasets.empty());  // any
  EXPECT_EQ(all->kind, "any");
  EXPECT_EQ(all->limit, kSearchDefaultLimit);
  auto excluded =
      YenteSearchFromQuery("default", {{"q", "Front"}, {"exclude_dataset", "curated"}}, kKnown);
  ASSERT_TRUE(excluded.ok()) << excluded.status();
  EXPECT_EQ(excluded->datasets, (std::vector<std::string>{"un-consolidated", "ofac-sdn"}));
  auto included = YenteSearchFromQuery("default",
                                       {{"q", "Front"},
                                        {"include_dataset", "ofac-sdn,curated"},
                                        {"exclude_dataset", "curated"},
                                        {"schema", "Company"}},
                                       kKnown);
  ASSERT_TRUE(included.ok()) << included.status();
  EXPECT_EQ(included->datasets, (std::vector<std::string>{"ofac-sdn"}));
  EXPECT_EQ(included->kind, "organization");
  auto path =
      YenteSearchFromQuery("un-consolidated", {{"q", "Front"}, {"countries", "af,ir"}}, kKnown);
  ASSERT_TRUE(path.ok()) << path.status();
  EXPECT_EQ(path->datasets, (std::vector<std::string>{"un-consolidated"}));
  EXPECT_EQ(path->countries, (std::vector<std::string>{"af", "ir"}));
}

TEST(SearchJsonTest, ErrorsNameTheParameter) {
  struct Case {
    std::string dataset;
    SearchQueryPairs query;
    absl::StatusCode code;
    std::string field;
  } cases[] = {
      {"default", {}, absl::StatusCode::kInvalidArgument, "q"},
      {"default",
       {{"q", "Front"}, {"schema", "Vessel"}},
       absl::StatusCode::kInvalidArgument,
       "schema"},
      {"default", {{"q", "Front"}, {"limit", "501"}}, absl::StatusCode::kInvalidArgument, "limit"},
      {"default", {{"q", "Front"}, {"offset", "x"}}, absl::StatusCode::kInvalidArgument, "offset"},
      {"default",
       {{"q", "Front"}, {"countries", "Atlantis"}},
       absl::StatusCode::kInvalidArgument,
       "countries"},
      {"default",
       {{"q", "Front"}, {"exclude_dataset", "curated,un-consolidated,ofac-sdn"}},
       absl::StatusCode::kInvalidArgument,
       "exclude_dataset"},
      {"default", {{"q", "Front"}, {"bogus", "1"}}, absl::StatusCode::kInvalidArgument, "bogus"},
      {"no-such-list", {{"q", "Front"}}, absl::StatusCode::kNotFound, ""},
  };
  for (const auto& c : cases) {
    auto parsed = YenteSearchFromQuery(c.dataset, c.query, kKnown);
    ASSERT_FALSE(parsed.ok()) << c.field;
    EXPECT_EQ(parsed.status().code(), c.code) << parsed.status();
    if (!c.field.empty()) {
      EXPECT_EQ(FieldOf(parsed.status()), c.field) << parsed.status();
    }
  }
  auto v1 = SearchRequestFromQuery({{"q", ""}});
  ASSERT_FALSE(v1.ok());
  EXPECT_EQ(FieldOf(v1.status()), "q");
  auto kind = SearchRequestFromQuery({{"q", "Front"}, {"kind", "vessel"}});
  ASSERT_FALSE(kind.ok());
  EXPECT_EQ(FieldOf(kind.status()), "kind");
}

TEST(SearchJsonTest, CardAsFtmEntity) {
  EntityCard card;
  card.entity.id = "northern-front";
  card.entity.name = "Northern Front";
  card.entity.kind = "organization";
  card.dataset = "curated";
  card.description = "A group.";
  card.names = {{"Northern Front", "primary", std::nullopt, std::nullopt},
                {"Front", "weak_alias", std::nullopt, std::nullopt},
                {"Северный фронт", "transliteration", std::nullopt, std::nullopt}};
  store::DesignationRecord designation;
  designation.program = "COUNCIL-TERROR";
  card.designations.push_back(designation);
  LinkedRecord linked;
  linked.link.other.id = "un-tae-901";
  card.linked.push_back(linked);
  Json entity = YenteEntity(card);
  EXPECT_EQ(entity["schema"], "Organization");
  EXPECT_EQ(entity["properties"]["name"], Json::array({"Northern Front"}));
  EXPECT_EQ(entity["properties"]["weakAlias"], Json::array({"Front"}));
  EXPECT_EQ(entity["properties"]["alias"], Json::array({"Северный фронт"}));
  EXPECT_EQ(entity["properties"]["notes"], Json::array({"A group."}));
  EXPECT_EQ(entity["properties"]["program"], Json::array({"COUNCIL-TERROR"}));
  EXPECT_EQ(entity["referents"], Json::array({"un-tae-901"}));
  EXPECT_EQ(entity["target"], true);
  EXPECT_EQ(entity["datasets"], Json::array({"curated"}));
}

}  // namespace
}  // namespace vigil
