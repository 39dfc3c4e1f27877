#include "vigil/ingest/un/un_reader.h"
#include "vigil/testing/support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vigil {
namespace {

using test_support::ValuesOf;
using test_support::ReplaceOnce;
using test_support::ExpectRefusal;

std::vector<std::string> NamesOfRecord(const Entity& e, const std::string& kind) {
  std::vector<std::string> out;
  for (const auto& n : e.names)
    if (n.kind == kind) out.push_back(n.text);
  return out;
}

// Two records in the shape of the real list (wrapped text, empty alias
// placeholders, a BETWEEN date noted "Approximately").
constexpr const char* kUnXml = R"(<?xml version='1.0' encoding='UTF-8'?>
<CONSOLIDATED_LIST dateGenerated='2025-04-19T23:00:04.625Z'>
  <INDIVIDUALS>
    <INDIVIDUAL>
      <DATAID>2785696</DATAID>
      <FIRST_NAME>SIRAJUDDIN</FIRST_NAME>
      <SECOND_NAME>JALLALOUDINE</SECOND_NAME>
      <THIRD_NAME>HAQQANI</THIRD_NAME>
      <UN_LIST_TYPE>Taliban</UN_LIST_TYPE>
      <REFERENCE_NUMBER>TAi.144</REFERENCE_NUMBER>
      <LISTED_ON>2007-09-13</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>سراج الدين جلال الدين حقانى</NAME_ORIGINAL_SCRIPT>
      <COMMENTS1>Heading the Haqqani Network (TAe.012) as of late
2012.</COMMENTS1>
      <TITLE><VALUE>Maulavi</VALUE></TITLE>
      <DESIGNATION><VALUE>Na'ib Amir (Deputy
Commander)</VALUE></DESIGNATION>
      <NATIONALITY><VALUE>Afghanistan</VALUE></NATIONALITY>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Siraj Haqqani</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Good</QUALITY><ALIAS_NAME>Serajuddin Haqani; Saraj Haqani</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Khalifa</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY/><ALIAS_NAME/></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Abu Muhammad (original script: Абу Мухаммад)</ALIAS_NAME></INDIVIDUAL_ALIAS>
      <INDIVIDUAL_ADDRESS><CITY>Miramshah</CITY><STATE_PROVINCE>North Waziristan</STATE_PROVINCE><COUNTRY>Pakistan</COUNTRY></INDIVIDUAL_ADDRESS>
      <INDIVIDUAL_DATE_OF_BIRTH>
        <TYPE_OF_DATE>BETWEEN</TYPE_OF_DATE><FROM_YEAR>1977</FROM_YEAR><TO_YEAR>1978</TO_YEAR>
        <NOTE>Approximately</NOTE>
      </INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>APPROXIMATELY</TYPE_OF_DATE><YEAR>1973</YEAR></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><DATE>1975-05-01</DATE></INDIVIDUAL_DATE_OF_BIRTH>
      <INDIVIDUAL_PLACE_OF_BIRTH><CITY>Danda</CITY><COUNTRY>Pakistan</COUNTRY></INDIVIDUAL_PLACE_OF_BIRTH>
      <INDIVIDUAL_DOCUMENT><TYPE_OF_DOCUMENT>Passport</TYPE_OF_DOCUMENT><NUMBER>OA 454044</NUMBER><COUNTRY_OF_ISSUE>Afghanistan</COUNTRY_OF_ISSUE></INDIVIDUAL_DOCUMENT>
      <INDIVIDUAL_DOCUMENT/>
      <GENDER>Male</GENDER>
    </INDIVIDUAL>
  </INDIVIDUALS>
  <ENTITIES>
    <ENTITY>
      <FIRST_NAME>HAQQANI NETWORK (HQN)</FIRST_NAME>
      <UN_LIST_TYPE>Taliban</UN_LIST_TYPE>
      <REFERENCE_NUMBER>TAe.012</REFERENCE_NUMBER>
      <LISTED_ON>2012-11-05</LISTED_ON>
      <NAME_ORIGINAL_SCRIPT>شبکه حقانی</NAME_ORIGINAL_SCRIPT>
      <ENTITY_ALIAS><QUALITY>a.k.a.</QUALITY><ALIAS_NAME>Haqqani Network</ALIAS_NAME></ENTITY_ALIAS>
      <ENTITY_ADDRESS><COUNTRY/></ENTITY_ADDRESS>
    </ENTITY>
  </ENTITIES>
</CONSOLIDATED_LIST>
)";

TEST(UnReader, ReadsAnIndividualIntoTheModel) {
  auto batch = ParseUnList(kUnXml, "un.xml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "un-consolidated");
  EXPECT_EQ(batch->kind, "un-list");
  EXPECT_EQ(batch->publish_date, "2025-04-19");
  EXPECT_EQ(batch->version.substr(0, 11), "2025-04-19+");
  ASSERT_EQ(batch->entities.size(), 2u);
  const Entity& e = batch->entities[0];
  EXPECT_EQ(e.id, "un-tai-144");
  EXPECT_EQ(e.reference, "TAi.144");
  EXPECT_EQ(e.kind, "person");
  EXPECT_EQ(e.where.line, 4);
  EXPECT_EQ(NamesOfRecord(e, "primary"), std::vector<std::string>{"SIRAJUDDIN JALLALOUDINE HAQQANI"});
  EXPECT_EQ(NamesOfRecord(e, "alias"),
            (std::vector<std::string>{"Siraj Haqqani", "Serajuddin Haqani", "Saraj Haqani"}));
  EXPECT_EQ(NamesOfRecord(e, "weak_alias"), (std::vector<std::string>{"Khalifa", "Abu Muhammad"}));
  EXPECT_EQ(NamesOfRecord(e, "original_script"),
            (std::vector<std::string>{"سراج الدين جلال الدين حقانى", "Абу Мухаммад"}));
  for (const auto& n : e.names) {
    if (n.kind == "original_script") {
      EXPECT_TRUE(n.script == "Arab" || n.script == "Cyrl") << n.text << " " << n.script;
    }
  }
  EXPECT_EQ(ValuesOf(e, "birth_date"),
            (std::vector<std::string>{"~1977/~1978", "~1973", "1975-05-01"}));
  EXPECT_EQ(ValuesOf(e, "nationality"), std::vector<std::string>{"AF"});
  EXPECT_EQ(ValuesOf(e, "title"), std::vector<std::string>{"Maulavi"});
  EXPECT_EQ(ValuesOf(e, "position"), std::vector<std::string>{"Na'ib Amir (Deputy Commander)"});
  EXPECT_EQ(ValuesOf(e, "birth_place"), std::vector<std::string>{"Danda, Pakistan"});
  EXPECT_EQ(ValuesOf(e, "address"),
            std::vector<std::string>{"Miramshah, North Waziristan, Pakistan"});
  EXPECT_EQ(ValuesOf(e, "address_country"), std::vector<std::string>{"PK"});
  EXPECT_EQ(ValuesOf(e, "gender"), std::vector<std::string>{"male"});
  EXPECT_EQ(ValuesOf(e, "remark"),
            std::vector<std::string>{"Heading the Haqqani Network (TAe.012) as of late 2012."});
  ASSERT_EQ(e.identifiers.size(), 1u);
  EXPECT_EQ(e.identifiers[0].type, "passport");
  EXPECT_EQ(e.identifiers[0].value, "OA 454044");
  EXPECT_EQ(e.identifiers[0].country, "AF");
  ASSERT_EQ(e.claims.size(), 1u);
  EXPECT_EQ(e.claims[0].locator, "TAi.144");
}

TEST(UnReader, DesignatesUnderTheRegimeOfTheReferencePrefix) {
  auto batch = ParseUnList(kUnXml, "un.xml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  ASSERT_EQ(batch->designations.size(), 2u);
  const Designation& d = batch->designations[0];
  EXPECT_EQ(d.entity, "un-tai-144");
  EXPECT_EQ(d.authority_code, "UN");
  EXPECT_TRUE(d.authority.empty());
  EXPECT_EQ(d.program, "1988 Taliban");
  EXPECT_EQ(d.reference, "TAi.144");
  EXPECT_EQ(d.date.ToString(), "2007-09-13");
  ASSERT_EQ(d.claims.size(), 1u);
  EXPECT_EQ(d.claims[0].source, "list-un-consolidated");
  EXPECT_EQ(d.claims[0].locator, "TAi.144");
  ASSERT_EQ(batch->sources.size(), 1u);
  EXPECT_EQ(batch->sources[0].kind, "list");
  EXPECT_EQ(batch->sources[0].sha256, batch->sha256);
  EXPECT_EQ(batch->sources[0].date.ToString(), "2025-04-19");
}

TEST(UnReader, ReadsAnEntity) {
  auto batch = ParseUnList(kUnXml, "un.xml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  const Entity& e = batch->entities[1];
  EXPECT_EQ(e.id, "un-tae-012");
  EXPECT_EQ(e.kind, "organization");
  EXPECT_EQ(NamesOfRecord(e, "primary"), std::vector<std::string>{"HAQQANI NETWORK (HQN)"});
  EXPECT_EQ(NamesOfRecord(e, "alias"), std::vector<std::string>{"Haqqani Network"});
  EXPECT_TRUE(ValuesOf(e, "address").empty());
}

TEST(UnReader, SameTextSameVersion) {
  auto a = ParseUnList(kUnXml, "a.xml");
  auto b = ParseUnList(kUnXml, "b.xml");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->version, b->version);
  std::string changed = kUnXml;
  changed.replace(changed.find("Khalifa"), 7, "Khalifah");
  auto c = ParseUnList(changed, "a.xml");
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->version, c->version);
}

void ExpectUnRefused(const std::string& text, const std::vector<std::string>& parts) {
  ExpectRefusal(ParseUnList(text, "un.xml"), parts);
}

TEST(UnReader, RefusesBadXmlWithItsLine) {
  ExpectUnRefused(ReplaceOnce(kUnXml, "</FIRST_NAME>", "</FIRST_NAM>"), {"un.xml:6:", "XML syntax error"});
}

TEST(UnReader, RefusesABadDate) {
  ExpectUnRefused(ReplaceOnce(kUnXml, "<LISTED_ON>2007-09-13", "<LISTED_ON>2007-02-30"),
                {"un.xml:11:", "INDIVIDUAL.LISTED_ON", "invalid date '2007-02-30'"});
  ExpectUnRefused(ReplaceOnce(kUnXml, "<YEAR>1973", "<YEAR>19x3"),
                {"INDIVIDUAL_DATE_OF_BIRTH.YEAR", "invalid year '19x3'"});
  ExpectUnRefused(ReplaceOnce(kUnXml, "<TO_YEAR>1978", "<TO_YEAR>1970"),
                {"INDIVIDUAL_DATE_OF_BIRTH", "TO_YEAR 1970 is before FROM_YEAR 1977"});
}

// A date shorter than YYYY-MM-DD was followed past its end (text[10]) to
// look for a time zone; the sanitizer build's bounds checks catch it.
TEST(UnReader, RefusesADateShorterThanADay) {
  for (const char* date : {"2007", "2007-09", "x", "2007-09-1"})
    ExpectUnRefused(ReplaceOnce(kUnXml, "<LISTED_ON>2007-09-13", std::string("<LISTED_ON>") + date),
                  {"un.xml:11:", "INDIVIDUAL.LISTED_ON",
                   "invalid date '" + std::string(date) + "' (expected YYYY-MM-DD)"});
}

TEST(UnReader, RefusesAnUnknownRecordType) {
  ExpectUnRefused(ReplaceOnce(ReplaceOnce(kUnXml, "<ENTITY>", "<VESSEL>"), "</ENTITY>", "</VESSEL>"),
                {"un.xml:", "unknown entity type <VESSEL>"});
}

TEST(UnReader, RefusesARecordWithoutReferenceOrName) {
  ExpectUnRefused(ReplaceOnce(kUnXml, "<REFERENCE_NUMBER>TAi.144</REFERENCE_NUMBER>", ""),
                {"un.xml:4:", "INDIVIDUAL.REFERENCE_NUMBER", "missing"});
  ExpectUnRefused(ReplaceOnce(kUnXml, "<REFERENCE_NUMBER>TAe.012", "<REFERENCE_NUMBER>TAi.144"),
                {"duplicate reference 'TAi.144' (first at line 4)"});
}

TEST(UnReader, RefusesInvalidUtf8NamingOffsetAndLine) {
  std::string text = ReplaceOnce(kUnXml, "SIRAJUDDIN</FIRST",
                             "SIRAJ\xE9"
                             "DDIN</FIRST");
  auto batch = ParseUnList(text, "un.xml");
  ASSERT_FALSE(batch.ok());
  std::string message(batch.status().message());
  EXPECT_NE(message.find("un.xml:6:"), std::string::npos) << message;
  EXPECT_NE(message.find("invalid UTF-8: byte 0xE9 at byte offset"), std::string::npos) << message;
}

TEST(UnReader, RefusesEmptyAndForeignFiles) {
  ExpectUnRefused("", {"un.xml:1:", "empty"});
  ExpectUnRefused("<?xml version='1.0'?><sdnList/>", {"not a UN consolidated list", "<sdnList>"});
  ExpectUnRefused("<CONSOLIDATED_LIST dateGenerated='2025-04-19'><INDIVIDUALS/></CONSOLIDATED_LIST>",
                {"no INDIVIDUAL or ENTITY records"});
}

}  // namespace
}  // namespace vigil
