// The list readers on records with very many names, values and programs:
// repeats removed as before, in time linear in the record (checking each
// addition against all before it made such records take minutes), and the
// 2 GB input limit.
#include <sys/mman.h>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>

#include "vigil/ingest/internal/limits.h"
#include "vigil/ingest/internal/list_input.h"
#include "vigil/ingest/ofac/csv_reader.h"
#include "vigil/ingest/ofac/xml_reader.h"
#include "vigil/ingest/un/un_reader.h"
#include "vigil/testing/support.h"

namespace vigil {
namespace {

using test_support::SecondsFor;
using test_support::kLinearSeconds;

constexpr int kMany = 200000;

TEST(ListLimitsTest, RemoveRepeatsKeepsTheFirstOfEachInOrder) {
  for (int n : {5, 100}) {  // both the small and the hashed path
    Entity e;
    for (int i = 0; i < n; ++i) {
      internal::AddValue(&e, "remark", std::to_string(i % 3));
      internal::AddValue(&e, i % 2 ? "title" : "remark", "x");
      internal::AddName(&e, "Name " + std::to_string(i % 4), i % 2 ? "alias" : "weak_alias");
      internal::AddIdentifier(&e, {"passport", std::to_string(i % 2), "", std::to_string(i)});
    }
    internal::AddValue(&e, "remark", "");
    internal::RemoveRepeats(&e);
    EXPECT_EQ(e.values, (std::vector<std::pair<std::string, std::string>>{
                            {"remark", "0"}, {"remark", "x"}, {"remark", "1"}, {"title", "x"},
                            {"remark", "2"}}))
        << n;
    ASSERT_EQ(e.names.size(), 4u) << n;
    EXPECT_EQ(e.names[0].text, "Name 0");
    EXPECT_EQ(e.names[0].kind, "weak_alias");
    EXPECT_EQ(e.names[1].text, "Name 1");
    EXPECT_EQ(e.names[1].kind, "alias");
    ASSERT_EQ(e.identifiers.size(), 2u) << n;
    EXPECT_EQ(e.identifiers[1].note, "1");  // the first of its kind
  }
}

TEST(ListLimitsTest, UnRecordWithVeryManyAliasesReadsInLinearTime) {
  std::string list =
      "<CONSOLIDATED_LIST dateGenerated='2025-04-19T23:00:04'><INDIVIDUALS><INDIVIDUAL>"
      "<FIRST_NAME>A</FIRST_NAME><REFERENCE_NUMBER>TAi.1</REFERENCE_NUMBER>\n";
  for (int i = 0; i < kMany; ++i)
    list += fmt::format("<INDIVIDUAL_ALIAS><ALIAS_NAME>n{}; n{}</ALIAS_NAME></INDIVIDUAL_ALIAS>\n",
                        i, i / 2);
  list += "</INDIVIDUAL></INDIVIDUALS></CONSOLIDATED_LIST>\n";
  StatusOr<Batch> batch;
  double seconds = SecondsFor([&] { batch = ParseUnList(list, "un.xml"); });
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->entities[0].names.size(), kMany + 1u);
  EXPECT_LT(seconds, kLinearSeconds);
}

TEST(ListLimitsTest, OfacRemarksWithVeryManyFragmentsReadInLinearTime) {
  std::string remarks;
  for (int i = 0; i < kMany; ++i) remarks += fmt::format("r{}; a.k.a. 'w{}'; ", i, i % 1000);
  std::string sdn = fmt::format("1,\"DOE, John\",individual,SDGT] [SDGT,,,,,,,,\"{}\"\n", remarks);
  StatusOr<Batch> batch;
  double seconds = SecondsFor([&] { batch = ParseOfacCsv({{"sdn.csv", sdn}}); });
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->entities[0].values.size(), static_cast<size_t>(kMany));
  EXPECT_EQ(batch->entities[0].names.size(), 1001u);
  EXPECT_EQ(batch->designations.size(), 1u);  // SDGT once
  EXPECT_LT(seconds, kLinearSeconds);
}

TEST(ListLimitsTest, OfacXmlEntryWithVeryManyProgramsAndAliasesReadsInLinearTime) {
  std::string xml =
      "<sdnList><sdnEntry><uid>1</uid><lastName>DOE</lastName><sdnType>Entity</sdnType>"
      "<programList>\n";
  for (int i = 0; i < kMany; ++i) xml += fmt::format("<program>P{}</program>\n", i % (kMany / 2));
  xml += "</programList><akaList>\n";
  for (int i = 0; i < kMany; ++i)
    xml += fmt::format("<aka><category>strong</category><lastName>A{}</lastName></aka>\n", i);
  xml += "</akaList></sdnEntry></sdnList>\n";
  StatusOr<Batch> batch;
  double seconds = SecondsFor([&] { batch = ParseOfacXml(xml, "sdn.xml"); });
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->designations.size(), kMany / 2u);
  EXPECT_EQ(batch->entities[0].names.size(), kMany + 1u);
  EXPECT_LT(seconds, kLinearSeconds);
}

// A file past 2 GB is refused by its size, before a byte of it is read or
// hashed.
TEST(ListLimitsTest, FilesPastTwoGigabytesAreRefused) {
  const size_t size = static_cast<size_t>(internal::kMaxInputBytes) + 1;
  void* map = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  std::string_view huge(static_cast<const char*>(map), size);
  EXPECT_EQ(internal::CheckInputSize(huge, "un.xml").message(),
            "un.xml: the file is 2000000001 bytes, more than the 2000000000 a reader takes (2 GB)");
  EXPECT_TRUE(internal::CheckInputSize(huge.substr(1), "un.xml").ok());
  munmap(map, size);
}

}  // namespace
}  // namespace vigil

#include "vigil/ingest/internal/countries.h"

namespace vigil {
namespace {

// A country field is looked up only when it could be a country's name:
// folding a long text through ICU takes time quadratic in its length (a
// field of 200,000 "é&" took minutes; found by fuzz_country). "&" is read
// as "and" in one pass (it was replaced in place, one at a time).
TEST(ListLimitsTest, LongCountryFieldsAreNotFolded) {
  std::string country;
  for (int i = 0; i < 200000; ++i) country += "\xC3\xA9&";
  std::string code;
  double seconds = SecondsFor([&] { code = internal::CountryOrText(country); });
  EXPECT_EQ(code, country);
  EXPECT_LT(seconds, 5);
  EXPECT_EQ(internal::CountryCode("Bosnia & Herzegovina"), "BA");
  EXPECT_EQ(internal::CountryCode("Bosnia\xC2\xA0& Herzegovina"), "BA");
  EXPECT_EQ(internal::CountryCode(std::string(internal::kLongestCountryName + 1, 'x')), "");
}

}  // namespace
}  // namespace vigil
