// The knowledge and load areas of SqlStore on the mini fixture (and a UN
// list linked to it): what each method returns, in its order, and what the
// load transaction lets its hooks read and write.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "vigil/ingest/inputs.h"
#include "vigil/store/store.h"
#include "vigil/testing/store_fixture.h"
#include "vigil/testing/support.h"
#include "vigil/text/normalize.h"

namespace vigil::store::sql {
namespace {

using test_support::SourceDir;

Batch ReadFixture(const std::string& path, bool texts = false) {
  InputOptions options;
  if (texts) options.texts_dir = SourceDir() + "/tests/fixtures/mini/texts";
  auto batches = ReadInputs({SourceDir() + "/" + path}, options);
  EXPECT_TRUE(batches.ok()) << batches.status();
  return batches.ok() ? std::move(batches->front()) : Batch{};
}

class StoreTest : public test_support::StoreFixture {
 protected:
  StoreTest() : StoreFixture("vigil-store-test") {}

  StatusOr<std::vector<DatasetWriteRecord>> Apply(const Batch& batch,
                                                  const ApplyHooks& hooks = {}) {
    return store_->ApplyBatches({&batch}, hooks);
  }
  void LoadMini() {
    auto written = Apply(ReadFixture("tests/fixtures/mini/data", true));
    ASSERT_TRUE(written.ok()) << written.status();
  }
  int64_t Row(const std::string& key) {
    auto row = store_->EntityByKey(key);
    EXPECT_TRUE(row.ok() && *row) << key;
    return row.ok() && *row ? **row : 0;
  }
  template <typename T>
  static std::vector<std::string> Keys(const std::vector<T>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(r.predicate + " " + r.object.id);
    return out;
  }
};

TEST_F(StoreTest, ResolvesKeysAndNames) {
  LoadMini();
  EXPECT_FALSE(store_->EntityByKey("nobody")->has_value());
  auto front = store_->EntitiesNamed(NameKey("Front"));
  ASSERT_TRUE(front.ok());
  ASSERT_EQ(front->size(), 2u);
  for (const auto& match : *front) {
    EXPECT_EQ(match.name_kind, "weak_alias");
    EXPECT_EQ(match.text, "Front");
    EXPECT_TRUE(match.curated);
  }
  auto near = store_->NamesContaining("northern", 8);
  ASSERT_TRUE(near.ok());
  ASSERT_FALSE(near->empty());
  EXPECT_EQ(near->front().entity_id, "northern-front");
  EXPECT_EQ(near->front().text, "Northern Front");
  EXPECT_EQ(near->front().kind, "primary");
  EXPECT_EQ(near->front().script, "Latn");
}

TEST_F(StoreTest, ReadsASourceWithItsTextAndTheClaimsCitingIt) {
  LoadMini();
  EXPECT_FALSE(store_->SourceByKey("no-such-source")->has_value());
  auto source = store_->SourceByKey("mini-report");
  ASSERT_TRUE(source.ok() && *source);
  EXPECT_EQ((*source)->title, "Field report (test fixture)");
  EXPECT_EQ((*source)->claims, 17);
  auto text = store_->StoredText((*source)->row_id);
  ASSERT_TRUE(text.ok() && *text);
  EXPECT_EQ(text->value().substr(0, 14), "Field report (");
  auto all = store_->ClaimsCiting((*source)->row_id, 100, 0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 17u);
  for (size_t i = 1; i < all->size(); ++i) {  // by span start, then end
    const auto &a = (*all)[i - 1].claim, &b = (*all)[i].claim;
    EXPECT_TRUE(*a.span_start < *b.span_start ||
                (*a.span_start == *b.span_start && *a.span_end <= *b.span_end));
  }
  // The denial of the Eastern Committee's arms: its passage and its fact.
  const CitingClaimRecord* denial = nullptr;
  for (const auto& c : *all)
    if (c.claim.stance == "denies") denial = &c;
  ASSERT_NE(denial, nullptr);
  EXPECT_EQ(denial->fact_type, "relation");
  EXPECT_EQ(*denial->claim.passage, "The Eastern Committee denies supplying anyone with weapons.");
  EXPECT_EQ(store_->Relation(denial->fact_id)->value().predicate, "arms");
  // Pages of the same order.
  auto page = store_->ClaimsCiting((*source)->row_id, 2, 15);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ((*page)[0].claim.claim_id, (*all)[15].claim.claim_id);
  EXPECT_EQ((*page)[1].claim.claim_id, (*all)[16].claim.claim_id);
}

TEST_F(StoreTest, ReadsWhatACardShows) {
  LoadMini();
  int64_t karim = Row("karim-yusufzai"), front = Row("northern-front");
  auto entity = store_->Entity(karim);
  ASSERT_TRUE(entity.ok() && *entity);
  EXPECT_EQ((*entity)->ref.name, "Karim Yusufzai");
  EXPECT_EQ((*entity)->dataset, "curated");
  EXPECT_FALSE((*entity)->reference);
  EXPECT_EQ((*entity)->attributes,
            (std::map<std::string, std::string>{{"birth_date", "~1970"}, {"gender", "male"}}));
  EXPECT_FALSE(store_->Entity(999999)->has_value());

  EXPECT_EQ(Keys(*store_->RelationsFrom(karim)),
            (std::vector<std::string>{"founded northern-front", "leader_of northern-front"}));
  auto incoming = store_->RelationsTo(front);
  ASSERT_EQ(incoming->size(), 3u);
  EXPECT_EQ((*incoming)[0].subject.id, "eastern-committee");
  EXPECT_EQ((*incoming)[0].claims.size(), 2u);
  ASSERT_EQ(store_->DesignationsOf(front)->size(), 1u);
  EXPECT_EQ(store_->DesignationsOf(front)->front().program, "COUNCIL-TERROR");
  EXPECT_EQ(store_->DesignationsBy(Row("the-council"))->size(), 1u);
  EXPECT_TRUE(store_->DesignationsBy(front)->empty());
  EXPECT_EQ(store_->EventsOf(Row("darvaz"))->size(), 1u);  // the place
  EXPECT_EQ(store_->EventsOf(Row("valley-brigade"))->size(), 1u);
  EXPECT_TRUE(store_->EventsOf(karim)->empty());
  EXPECT_EQ(store_->EstimatesAbout(front)->size(), 2u);
  auto shared = store_->EntitiesSharingNames(front);
  ASSERT_EQ(shared->size(), 1u);
  EXPECT_EQ(shared->front().entity_row, Row("valley-brigade"));
  EXPECT_EQ(shared->front().name, "Front");
  EXPECT_TRUE(store_->LinksOf(karim)->empty());
}

TEST_F(StoreTest, ListsFilterAndOrder) {
  LoadMini();
  EXPECT_EQ(store_->ListEntities("", {})->size(), 6u);
  auto people = store_->ListEntities("person", {});
  ASSERT_EQ(people->size(), 1u);
  EXPECT_EQ(people->front().ref.id, "karim-yusufzai");
  EXPECT_EQ(people->front().relations, 2);
  EXPECT_EQ(store_->ListEntities("", {})->front().ref.kind, "government_body");  // by kind
  EXPECT_EQ(store_->ListRelations("allied_with", {})->size(), 1u);
  EXPECT_EQ(store_->ListRelations("", {"2010-12-31", "2010-12-31"})->size(), 3u);  // the alliance is from 2016
  EXPECT_EQ(store_->ListEvents("", {"", "2018-05-02"})->size(), 0u);
  EXPECT_EQ(store_->ListEvents("bombing", {"", "2018-05-03"})->size(), 1u);
  EXPECT_EQ(store_->ListEstimates("2019-12-31")->size(), 0u);
  EXPECT_EQ(store_->ListEstimates("2020-12-31")->size(), 2u);
  auto sources = store_->ListSources();
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ(sources->front().claims, 17);
  EXPECT_TRUE(sources->front().text_stored);
  EXPECT_EQ(sources->front().dataset, "curated");
}

TEST_F(StoreTest, FindsWhatConflictsAndVerifyLookAt) {
  LoadMini();
  auto contested = store_->ContestedFacts();
  ASSERT_EQ(contested->size(), 1u);
  EXPECT_EQ(**store_->FactType(contested->front()), "relation");
  EXPECT_EQ(store_->Relation(contested->front())->value().predicate, "arms");
  auto events = store_->EventsWithRivalPerpetrators();
  ASSERT_EQ(events->size(), 1u);
  auto event = store_->Event(events->front());
  int64_t participant = 0;
  for (const auto& claim : (*event)->participants.front().claims) participant = claim.claim_id;
  EXPECT_NE(participant, 0);
  auto groups = store_->RepeatedEstimates();
  ASSERT_EQ(groups->size(), 1u);
  EXPECT_EQ(groups->front().quantity, "fighters");
  auto figures = store_->EstimatesOf(groups->front().subject_row, "fighters");
  ASSERT_EQ(figures->size(), 2u);
  EXPECT_EQ((*figures)[0].id, "northern-front-fighters-analysts");  // by day, then id
  auto names = store_->SharedCuratedNames();
  ASSERT_EQ(names->size(), 1u);
  ASSERT_EQ(names->front().size(), 2u);
  EXPECT_EQ(names->front()[0].text, "Front");
  EXPECT_EQ(names->front()[0].kind, "weak_alias");
  auto sources = store_->SourcesToVerify();
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ(sources->front().id, "mini-report");
  EXPECT_TRUE(sources->front().sha256);
  auto spans = store_->ClaimSpans();
  ASSERT_EQ(spans->size(), 17u);
  for (size_t i = 1; i < spans->size(); ++i)
    EXPECT_LE(*(*spans)[i - 1].span_start, *(*spans)[i].span_start);
}

TEST_F(StoreTest, ReadsAParticipantAsAFact) {
  LoadMini();
  auto events = store_->ListEvents("", {});
  ASSERT_EQ(events->size(), 1u);
  // Participants are the facts between the event's and the next ones.
  int64_t event_fact = events->front().fact_id;
  auto participant = store_->Participant(event_fact + 1);
  ASSERT_TRUE(participant.ok() && *participant);
  EXPECT_EQ((*participant)->event_id, "2018-05-03-darvaz-market-bombing");
  EXPECT_EQ((*participant)->role, "claimed");
  EXPECT_EQ((*participant)->entity->id, "valley-brigade");
  EXPECT_EQ(**store_->FactType(event_fact + 1), "participant");
  EXPECT_FALSE(store_->Participant(event_fact)->has_value());
}

TEST_F(StoreTest, LinksAListRecordToItsCard) {
  LoadMini();
  Batch list = ReadFixture("tests/fixtures/lists/un-good.xml");
  ApplyHooks hooks;
  hooks.after_write = [](LoadTransaction& tx) -> Status {
    return tx.ReplaceComputedLinks({{"un-tai-901", "karim-yusufzai", "name+dob", 0.95, "why"}});
  };
  ASSERT_TRUE(Apply(list, hooks).ok());
  int64_t karim = Row("karim-yusufzai"), record = Row("un-tai-901");
  auto links = store_->LinksOf(karim);
  ASSERT_EQ(links->size(), 1u);
  EXPECT_EQ(links->front().other.id, "un-tai-901");
  EXPECT_EQ(links->front().dataset, "un-consolidated");
  EXPECT_EQ(links->front().reference, "TAi.901");
  EXPECT_FALSE(links->front().other_is_curated_card);
  EXPECT_EQ(links->front().method, "name+dob");
  EXPECT_EQ(links->front().reason, "why");
  auto back = store_->LinksOf(record);
  ASSERT_EQ(back->size(), 1u);
  EXPECT_TRUE(back->front().other_is_curated_card);
  EXPECT_EQ(*store_->CuratedCardsOf(record), std::vector<int64_t>{karim});
  EXPECT_TRUE(store_->CuratedCardsOf(karim)->empty());
}

TEST_F(StoreTest, TheLoadTransactionReadsTheStoredDatasetBeforeItIsReplaced) {
  LoadMini();
  Batch again = ReadFixture("tests/fixtures/mini/data", true);
  again.version = "next";  // a new version of the same records
  again.entities.front().description = "Another description.";
  int calls = 0;
  ApplyHooks hooks;
  hooks.before_write = [&](LoadTransaction& tx, size_t index, const Batch& batch) -> Status {
    ++calls;
    EXPECT_EQ(index, 0u);
    auto stored = tx.StoredDataset(batch.dataset);
    EXPECT_TRUE(stored.ok() && *stored);
    EXPECT_EQ((*stored)->kind, "curated");
    EXPECT_NE((*stored)->version, "next");
    auto entities = tx.StoredEntities(batch.dataset);
    EXPECT_EQ(entities->size(), 6u);
    EXPECT_EQ(entities->front().id, "northern-front");
    EXPECT_EQ(entities->front().names.size(), 3u);
    auto whole = tx.StoredBatch(batch.dataset);
    EXPECT_EQ((*whole)->entities.size(), 6u);
    EXPECT_EQ((*whole)->relations.size(), 4u);
    EXPECT_FALSE(tx.StoredDataset("no-such-dataset")->has_value());
    return absl::InvalidArgumentError("refused");
  };
  auto generation = store_->Generation();
  auto refused = Apply(again, hooks);
  EXPECT_EQ(refused.status().message(), "refused");
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(*store_->Generation(), *generation);  // nothing written
  EXPECT_EQ(store_->ListEntities("", {})->size(), 6u);

  auto written = Apply(again);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_FALSE(written->front().unchanged);
  EXPECT_EQ(written->front().counts.at("entities"), 6);
  EXPECT_EQ(store_->Entity(Row("northern-front"))->value().description, "Another description.");
  EXPECT_GT(*store_->Generation(), *generation);
  auto unchanged = Apply(again, hooks);  // the hook is not called: nothing changes
  ASSERT_TRUE(unchanged.ok());
  EXPECT_TRUE(unchanged->front().unchanged);
  EXPECT_TRUE(unchanged->front().counts.empty());
  EXPECT_EQ(calls, 1);
}

TEST_F(StoreTest, TheLoadTransactionGivesWhatLinkingNeeds) {
  LoadMini();
  Batch list = ReadFixture("tests/fixtures/lists/un-good.xml");
  ApplyHooks hooks;
  hooks.after_write = [](LoadTransaction& tx) -> Status {
    auto entities = tx.LinkableEntities();
    int curated = 0, listed = 0;
    for (const auto& e : *entities) (e.curated ? curated : listed)++;
    EXPECT_EQ(curated, 6);
    EXPECT_EQ(listed, 2);
    auto dates = tx.EntityValues({"birth_date"});
    EXPECT_EQ(dates->size(), 2u);  // the list record's value, then the card's attribute
    if (dates->size() != 2u) return absl::InternalError("birth dates");
    EXPECT_FALSE((*dates)[0].attribute);
    EXPECT_TRUE((*dates)[1].attribute);
    EXPECT_EQ((*dates)[1].value, "~1970");
    auto names = tx.LinkableNames();
    for (const auto& n : *names) EXPECT_NE(n.kind, "weak_alias");
    EXPECT_EQ(tx.EntitiesWithReference("TAi.901", std::nullopt)->size(), 1u);
    EXPECT_EQ(tx.EntitiesWithReference("TAi.901", "UN")->size(), 1u);
    EXPECT_TRUE(tx.EntitiesWithReference("TAi.901", "US")->empty());
    EXPECT_TRUE(tx.ReferencedDesignations()->size() >= 2u);  // the list's own
    EXPECT_TRUE(tx.LocatorClaims().ok());
    if (auto s = tx.ReplaceComputedLinks({{"un-tai-901", "karim-yusufzai", "name", 0.85, "a"},
                                          {"un-tae-901", "northern-front", "name", 0.85, "b"}});
        !s.ok())
      return s;
    EXPECT_EQ(*tx.LinkCountsByMethod(), (std::map<std::string, int64_t>{{"name", 2}}));
    if (auto s = tx.ReplaceComputedLinks({}); !s.ok()) return s;
    EXPECT_TRUE(tx.LinkCountsByMethod()->empty());
    return absl::OkStatus();
  };
  auto written = Apply(list, hooks);
  ASSERT_TRUE(written.ok()) << written.status();
  EXPECT_EQ(written->front().dataset, "un-consolidated");
  EXPECT_EQ(written->front().kind, "un-list");
}

}  // namespace
}  // namespace vigil::store::sql
