#include "vigil/ingest/ofac/csv_reader.h"

#include <gtest/gtest.h>

#include "vigil/ingest/ofac/csv_records.h"
#include "vigil/testing/support.h"

namespace vigil {
namespace {

using test_support::ValuesOf;
using test_support::ExpectRefusal;

// SDN.CSV as the shared copy writes it: an added header row, CRLF line
// ends, "-0-" for empty, and a last line of a Ctrl-Z and empty fields.
constexpr const char* kSdn =
    "ID,Name,Type,Country,Title,Col_F,Col_G,Col_H,Col_I,Col_J,Col_K,Details\r\n"
    "15484,HAQQANI NETWORK,-0- ,FTO] [SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,a.k.a. 'HQN'.\r\n"
    "10743,\"MUHAMMAD, Sirajuddin Haqqani\",individual,SDGT,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"
    "\"DOB 1977; alt. DOB 1978; POB Danda, Miramshah, Afghanistan; Passport A123 "
    "(Afghanistan); WHOIS HACKIN\"\r\n"
    "9036,ADMIRAL,vessel,CUBA,-0- ,ELBT3,Bulk Carrier,-0- ,-0- ,Malta,\"Shipping Co.\",-0- \r\n"
    "\x1A,,,,,,,,,,,\r\n";
constexpr const char* kAlt =
    "15484,1,\"aka\",\"HAQQANI NETWORK (HQN)\",-0- \r\n"
    "10743,2,\"aka\",\"HAQQANI, Siraj\",-0- \r\n"
    "99999,3,\"aka\",\"SOMEONE LISTED LATER\",-0- \r\n"
    "\x1A";
constexpr const char* kAdd =
    "10743,5,-0- ,\"Miramshah\",\"Pakistan\",-0- \r\n"
    "88888,6,\"1 Street\",\"City\",\"Iran\",-0- \r\n";
constexpr const char* kComments = "10743,\"G TEAM'; Gender Male\"\r\n";

const Entity* Find(const Batch& b, const std::string& id) {
  for (const auto& e : b.entities)
    if (e.id == id) return &e;
  return nullptr;
}

TEST(OfacCsv, ClassifiesFilesByShape) {
  using ofac::CsvShape;
  EXPECT_EQ(ofac::ClassifyOfacCsv(kSdn), CsvShape::kMain);
  EXPECT_EQ(ofac::ClassifyOfacCsv(kAlt), CsvShape::kAliases);
  EXPECT_EQ(ofac::ClassifyOfacCsv(kAdd), CsvShape::kAddresses);
  EXPECT_EQ(ofac::ClassifyOfacCsv(kComments), CsvShape::kComments);
  EXPECT_EQ(ofac::ClassifyOfacCsv("a,b,c\n1,2,3\n"), CsvShape::kUnknown);
  EXPECT_EQ(ofac::ClassifyOfacCsv("name,dob\nJohn,1970\n"), CsvShape::kUnknown);
}

TEST(OfacCsv, JoinsTheFourFilesByEntNum) {
  auto batch = ParseOfacCsv(
      {{"alt.csv", kAlt}, {"sdn.csv", kSdn}, {"add.csv", kAdd}, {"sdn_comments.csv", kComments}});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "ofac-sdn");
  EXPECT_EQ(batch->kind, "ofac-list");
  EXPECT_TRUE(batch->publish_date.empty());
  EXPECT_EQ(batch->files,
            (std::vector<std::string>{"sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"}));
  ASSERT_EQ(batch->entities.size(), 3u);

  const Entity* network = Find(*batch, "ofac-15484");
  ASSERT_NE(network, nullptr);
  EXPECT_EQ(network->kind, "organization");
  EXPECT_EQ(network->reference, "15484");
  EXPECT_EQ(network->where.line, 2);
  ASSERT_EQ(network->names.size(), 3u);
  EXPECT_EQ(network->names[0].kind, "primary");
  EXPECT_EQ(network->names[1].text, "HAQQANI NETWORK (HQN)");
  EXPECT_EQ(network->names[1].kind, "alias");
  EXPECT_EQ(network->names[2].text, "HQN");
  EXPECT_EQ(network->names[2].kind, "weak_alias");

  const Entity* siraj = Find(*batch, "ofac-10743");
  ASSERT_NE(siraj, nullptr);
  EXPECT_EQ(siraj->kind, "person");
  EXPECT_EQ(siraj->names[0].text, "MUHAMMAD, Sirajuddin Haqqani");
  EXPECT_EQ(siraj->names[1].text, "HAQQANI, Siraj");
  EXPECT_EQ(ValuesOf(*siraj, "birth_date"), (std::vector<std::string>{"1977", "1978"}));
  EXPECT_EQ(ValuesOf(*siraj, "address"), std::vector<std::string>{"Miramshah, Pakistan"});
  EXPECT_EQ(ValuesOf(*siraj, "address_country"), std::vector<std::string>{"PK"});
  // The comments file continues the remarks where SDN.CSV cut them.
  EXPECT_EQ(ValuesOf(*siraj, "remark"), std::vector<std::string>{"WHOIS HACKING TEAM'"});
  EXPECT_EQ(ValuesOf(*siraj, "gender"), std::vector<std::string>{"male"});
  ASSERT_EQ(siraj->identifiers.size(), 1u);
  EXPECT_EQ(siraj->identifiers[0].country, "AF");

  const Entity* vessel = Find(*batch, "ofac-9036");
  ASSERT_NE(vessel, nullptr);
  EXPECT_EQ(vessel->kind, "organization");
  EXPECT_EQ(vessel->attributes.at("list_type"), "vessel");
  EXPECT_EQ(ValuesOf(*vessel, "call_sign"), std::vector<std::string>{"ELBT3"});
  EXPECT_EQ(ValuesOf(*vessel, "vessel_flag"), std::vector<std::string>{"Malta"});

  // One US designation per program, each citing the list by ent_num.
  std::vector<std::string> programs;
  for (const auto& d : batch->designations)
    if (d.entity == "ofac-15484") {
      programs.push_back(d.program);
      EXPECT_EQ(d.authority_code, "US");
      EXPECT_EQ(d.list, "SDN List");
      EXPECT_EQ(d.reference, "15484");
      ASSERT_EQ(d.claims.size(), 1u);
      EXPECT_EQ(d.claims[0].locator, "15484");
      EXPECT_EQ(d.claims[0].source, "list-ofac-sdn");
    }
  EXPECT_EQ(programs, (std::vector<std::string>{"FTO", "SDGT"}));
}

TEST(OfacCsv, OrphansAreWarningsWithTheirLines) {
  auto batch = ParseOfacCsv({{"sdn.csv", kSdn}, {"alt.csv", kAlt}, {"add.csv", kAdd}});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->warning_counts.at("orphan_alias"), 1);
  EXPECT_EQ(batch->warning_counts.at("orphan_address"), 1);
  std::string all;
  for (const auto& w : batch->warnings) all += w + "\n";
  EXPECT_NE(all.find("alt.csv:3: ent_num: alias 'SOMEONE LISTED LATER' belongs to entry 99999"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("add.csv:2: ent_num: address of entry 88888"), std::string::npos) << all;
  EXPECT_NE(all.find("alt.csv: 1 aliases of 1 entries that sdn.csv does not hold"),
            std::string::npos)
      << all;
}

void ExpectCsvRefused(const std::vector<std::pair<std::string, std::string>>& files,
                   const std::vector<std::string>& parts) {
  ExpectRefusal(ParseOfacCsv(files), parts);
}

TEST(OfacCsv, RefusesMalformedFiles) {
  std::string sdn = kSdn;
  // A record that lost a field: the line is named.
  std::string short_record = sdn;
  short_record.replace(short_record.find("-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,a.k.a."), 5, "");
  ExpectCsvRefused({{"sdn.csv", short_record}}, {"sdn.csv:2: record: expected 12 fields", "found 11"});
  std::string type = sdn;
  type.replace(type.find("individual"), 10, "ship");
  ExpectCsvRefused({{"sdn.csv", type}}, {"sdn.csv:3: SDN_Type: unknown entity type 'ship'"});
  std::string date = sdn;
  date.replace(date.find("DOB 1977"), 8, "DOB 31 Feb 1977");
  ExpectCsvRefused({{"sdn.csv", date}}, {"sdn.csv:3: remarks.DOB: invalid date '31 Feb 1977'"});
  std::string ent = sdn;
  ent.replace(ent.find("9036,"), 5, "90x6,");
  ExpectCsvRefused({{"sdn.csv", ent}}, {"sdn.csv:4: ent_num: expected a number, found '90x6'"});
  ExpectCsvRefused({{"alt.csv", kAlt}}, {"without their SDN.CSV"});
  ExpectCsvRefused({{"sdn.csv", kSdn}, {"sdn2.csv", kSdn}}, {"a second SDN.CSV file"});
  ExpectCsvRefused({{"sdn.csv", ""}}, {"sdn.csv:1:", "empty"});
}

class OfacCsvFiles : public test_support::TempFiles {
 protected:
  OfacCsvFiles() : TempFiles("csv-chunks") {}
};

TEST_F(OfacCsvFiles, ALargeListIsReadChunkByChunkAndAfreshOnEachRead) {
  const int n = 25001;
  std::string sdn = Write("sdn.csv", test_support::NumberedSdnCsv(n));
  // Aliases of the first and the last record, and of one SDN.CSV lacks.
  std::string alt = Write("alt.csv",
                          "1,1,\"aka\",\"FIRST ALIAS\",-0- \n"
                          "25001,2,\"aka\",\"LAST ALIAS\",-0- \n"
                          "99999,3,\"aka\",\"NOBODY\",-0- \n");
  auto opened = OpenOfacCsv({sdn, alt});
  ASSERT_TRUE(opened.ok()) << opened.status();
  EXPECT_TRUE(opened->entities.empty());
  ASSERT_EQ(opened->sources.size(), 1u);
  EXPECT_EQ(opened->files, (std::vector<std::string>{sdn, alt}));
  ASSERT_TRUE(opened->rest);
  auto whole = ReadOfacCsv({sdn, alt});
  ASSERT_TRUE(whole.ok()) << whole.status();
  EXPECT_EQ(whole->version, opened->version);
  ASSERT_EQ(whole->entities.size(), static_cast<size_t>(n));
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<size_t> entities, designations, warnings;
    std::vector<std::string> last_names;
    Status read = opened->rest([&](Batch& chunk) {
      entities.push_back(chunk.entities.size());
      designations.push_back(chunk.designations.size());
      warnings.push_back(chunk.warnings.size());
      last_names.clear();
      for (const auto& name : chunk.entities.back().names) last_names.push_back(name.text);
      return absl::OkStatus();
    });
    ASSERT_TRUE(read.ok()) << read;
    EXPECT_EQ(entities, (std::vector<size_t>{10000, 10000, 5001})) << "pass " << pass;
    EXPECT_EQ(designations, entities);
    // The orphan alias is known once SDN.CSV is read: the last chunk warns.
    EXPECT_EQ(warnings[0], 0u);
    EXPECT_EQ(warnings[1], 0u);
    EXPECT_GE(warnings[2], 1u);
    EXPECT_EQ(last_names, (std::vector<std::string>{"PERSON, Number 25001", "LAST ALIAS"}));
  }
  EXPECT_EQ(whole->entities.front().names.size(), 2u);
  EXPECT_EQ(whole->warning_counts.at("orphan_alias"), 1);

  // A write that fails ends the reading.
  int calls = 0;
  Status stopped = opened->rest([&](Batch&) {
    ++calls;
    return absl::InternalError("disk full");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(stopped.message(), "disk full");

  // An error in a late record: the chunks before it were handed on, none
  // after, and the read fails naming its line.
  auto bad = OpenOfacCsv({Write("bad.csv", test_support::NumberedSdnCsv(n, 24000))});
  ASSERT_TRUE(bad.ok()) << bad.status();
  std::vector<size_t> handed;
  Status refused = bad->rest([&](Batch& chunk) {
    handed.push_back(chunk.entities.size());
    return absl::OkStatus();
  });
  EXPECT_EQ(handed, (std::vector<size_t>{10000, 10000}));
  EXPECT_NE(refused.message().find("bad.csv:24000: SDN_Type: unknown entity type 'militant'"),
            std::string::npos)
      << refused;
}

TEST(OfacCsv, ReadsTheConsolidatedListUnderItsOwnKeys) {
  auto batch = ParseOfacCsv({{"CONS_PRIM.CSV", kSdn}});
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "ofac-consolidated");
  EXPECT_NE(Find(*batch, "ofac-cons-15484"), nullptr);
}

}  // namespace
}  // namespace vigil
