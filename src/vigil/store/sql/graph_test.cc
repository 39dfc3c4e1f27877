// SqlStore's graph area on the exposure fixture (tests/fixtures/exposure):
// the graph view's rows, entities found by part of a name, party labels.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/engine/engine.h"
#include "vigil/store/store.h"
#include "vigil/testing/store_fixture.h"
#include "vigil/text/normalize.h"

namespace vigil::store::sql {
namespace {

class GraphStoreTest : public test_support::StoreFixture {
 protected:
  GraphStoreTest() : StoreFixture("vigil-graph-store", /*open=*/false) {}
  void SetUp() override {
    StoreFixture::SetUp();
    db_ = location();
    std::string fixture = std::string(VIGIL_SOURCE_DIR) + "/tests/fixtures/exposure";
    LoadOptions options;
    options.texts_dir = fixture + "/texts";
    auto loaded = Engine::LoadFiles(db_, {fixture + "/data"}, options);
    ASSERT_TRUE(loaded.ok()) << loaded.status();
  }

  std::unique_ptr<Store> Open() {
    auto store = OpenStore(db_, AccessMode::kReadOnly);
    EXPECT_TRUE(store.ok()) << store.status();
    return std::move(*store);
  }
  // The row id of an entity key.
  static int64_t Row(const GraphRecords& g, const std::string& id) {
    for (const auto& n : g.nodes)
      if (n.id == id) return n.row_id;
    return -1;
  }

  std::string db_;
};

TEST_F(GraphStoreTest, TheGraphViewHoldsNodesRelationsWithClaimsAndDesignations) {
  auto store = Open();
  auto g = store->GraphView();
  ASSERT_TRUE(g.ok()) << g.status();
  // Entities in relations, by key; the designating authorities take part in none.
  std::vector<std::string> ids;
  for (const auto& n : g->nodes) {
    ids.push_back(n.id);
    EXPECT_TRUE(n.in_network) << n.id;
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"crescent-legion", "ministry-of-security", "red-hand",
                                           "tariq-zaman", "zaman-network"}));
  EXPECT_EQ(g->nodes[3].name, "Tariq Zaman");
  EXPECT_EQ(g->nodes[3].kind, "person");

  ASSERT_EQ(g->relations.size(), 5u);
  for (size_t i = 1; i < g->relations.size(); ++i)
    EXPECT_LT(g->relations[i - 1].fact_id, g->relations[i].fact_id);
  const auto& post = g->relations[0];
  EXPECT_EQ(post.predicate, "holds_position_in");
  EXPECT_EQ(post.subject_row, Row(*g, "tariq-zaman"));
  EXPECT_EQ(post.object_row, Row(*g, "ministry-of-security"));
  EXPECT_EQ(post.from_day, "2021-09-01");
  EXPECT_EQ(post.to_day, std::nullopt);
  ASSERT_EQ(post.claims.size(), 1u);
  EXPECT_DOUBLE_EQ(post.claims[0].confidence, 0.9);
  const auto& funds = g->relations[4];
  EXPECT_EQ(funds.predicate, "funds");
  EXPECT_EQ(funds.from_day, std::nullopt);
  ASSERT_EQ(funds.claims.size(), 2u);  // in the order written
  EXPECT_EQ(funds.claims[0].stance, "asserts");
  EXPECT_EQ(funds.claims[0].party_label, "a rumour");
  EXPECT_EQ(funds.claims[0].party_row, std::nullopt);
  EXPECT_DOUBLE_EQ(funds.claims[0].confidence, 0.3);
  EXPECT_EQ(funds.claims[1].stance, "denies");
  EXPECT_EQ(funds.claims[1].party_row, Row(*g, "ministry-of-security"));
  EXPECT_LT(funds.claims[0].claim_id, funds.claims[1].claim_id);

  ASSERT_EQ(g->designations.size(), 3u);
  EXPECT_EQ(g->designations[0].entity_row, Row(*g, "zaman-network"));
  EXPECT_EQ(g->designations[0].authority, "US");
  EXPECT_EQ(g->designations[0].program, "FTO");
  EXPECT_EQ(g->designations[0].date, "2012");
  EXPECT_EQ(g->designations[0].reference, std::nullopt);
  EXPECT_EQ(g->designations[2].authority, "UN");
  EXPECT_TRUE(g->links.empty());
}

TEST_F(GraphStoreTest, LinkedEntitiesBecomeNodesOutsideTheNetwork) {
  ASSERT_TRUE(test_support::RunSql(db_,
                                   "INSERT INTO links(entity_key, target_key, method, score, "
                                   "reason) VALUES ('united-states', 'tariq-zaman', 'manual', "
                                   "0.5, 'test')")
                  .ok());
  auto g = Open()->GraphView();
  ASSERT_TRUE(g.ok()) << g.status();
  ASSERT_EQ(g->nodes.size(), 6u);
  EXPECT_EQ(g->nodes[4].id, "united-states");  // by key
  EXPECT_FALSE(g->nodes[4].in_network);
  EXPECT_TRUE(g->nodes[5].in_network);
  ASSERT_EQ(g->links.size(), 1u);
  EXPECT_EQ(g->links[0].entity_row, Row(*g, "united-states"));
  EXPECT_EQ(g->links[0].target_row, Row(*g, "tariq-zaman"));
  EXPECT_EQ(g->links[0].method, "manual");
  EXPECT_EQ(g->links[0].reason, "test");
  EXPECT_DOUBLE_EQ(g->links[0].score, 0.5);
}

TEST_F(GraphStoreTest, EntitiesAreFoundByPartOfANameAndPartyLabelsByText) {
  auto store = Open();
  auto g = store->GraphView();
  ASSERT_TRUE(g.ok());
  auto both = store->EntitiesNamedLike(NameKey("security"), 2);
  ASSERT_TRUE(both.ok()) << both.status();
  EXPECT_EQ(both->size(), 2u);  // the ministry and the Security Council
  EXPECT_EQ(store->EntitiesNamedLike(NameKey("security"), 1)->size(), 1u);
  auto one = store->EntitiesNamedLike(NameKey("zaman net"), 2);
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].entity_row, Row(*g, "zaman-network"));
  EXPECT_EQ((*one)[0].name, "Zaman network");
  EXPECT_TRUE(store->EntitiesNamedLike(NameKey("nobody here"), 2)->empty());
  EXPECT_TRUE(*store->HasPartyLabel("a rumour"));
  EXPECT_FALSE(*store->HasPartyLabel("a Rumour"));
  EXPECT_FALSE(*store->HasPartyLabel("ministry-of-security"));  // an entity, not a label
}

TEST_F(GraphStoreTest, AttributesOfRowsComeInTheOrderAsked) {
  auto store = Open();
  auto g = store->GraphView();
  ASSERT_TRUE(g.ok()) << g.status();
  auto us = store->EntityByKey("united-states");
  ASSERT_TRUE(us.ok() && *us) << us.status();
  const int64_t rows[] = {**us, Row(*g, "tariq-zaman"), 999999, **us};
  auto attributes = store->AttributesOf(rows);
  ASSERT_TRUE(attributes.ok()) << attributes.status();
  using Map = std::map<std::string, std::string>;
  EXPECT_EQ(*attributes,
            (std::vector<Map>{{{"authority_code", "US"}}, {}, {}, {{"authority_code", "US"}}}));
  auto none = store->AttributesOf({});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace vigil::store::sql
