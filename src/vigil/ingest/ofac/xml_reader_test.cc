#include "vigil/ingest/ofac/xml_reader.h"
#include "vigil/testing/support.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

using test_support::ValuesOf;
using test_support::ReplaceOnce;
using test_support::ExpectRefusal;

constexpr const char* kSdnXml = R"(<?xml version="1.0" standalone="yes"?>
<sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">
  <publshInformation>
    <Publish_Date>03/28/2025</Publish_Date>
    <Record_Count>2</Record_Count>
  </publshInformation>
  <sdnEntry>
    <uid>9639</uid>
    <firstName>Ismail Abdul Salah</firstName>
    <lastName>HANIYA</lastName>
    <sdnType>Individual</sdnType>
    <programList><program>NS-PLC</program></programList>
    <idList>
      <id><uid>1</uid><idType>Passport</idType><idNumber>P123</idNumber><idCountry>Egypt</idCountry></id>
      <id><uid>2</uid><idType>Gender</idType><idNumber>Male</idNumber></id>
      <id><uid>3</uid><idType>Secondary sanctions risk:</idType><idNumber>section 1(b)</idNumber></id>
    </idList>
    <akaList>
      <aka><uid>9150</uid><type>a.k.a.</type><category>strong</category><lastName>HANIYYA</lastName><firstName>Ismaeel</firstName></aka>
      <aka><uid>9151</uid><type>a.k.a.</type><category>weak</category><lastName>ABU AL-ABD</lastName></aka>
    </akaList>
    <dateOfBirthList>
      <dateOfBirthItem><uid>4696</uid><dateOfBirth>1962</dateOfBirth><mainEntry>true</mainEntry></dateOfBirthItem>
      <dateOfBirthItem><uid>4697</uid><dateOfBirth>circa 1963</dateOfBirth><mainEntry>false</mainEntry></dateOfBirthItem>
    </dateOfBirthList>
    <placeOfBirthList><placeOfBirthItem><uid>1</uid><placeOfBirth>Shati, Gaza</placeOfBirth></placeOfBirthItem></placeOfBirthList>
    <nationalityList><nationality><uid>1</uid><country>Palestinian</country></nationality></nationalityList>
  </sdnEntry>
  <sdnEntry>
    <uid>9647</uid>
    <lastName>AL-WAFA CHARITABLE SOCIETY</lastName>
    <sdnType>Entity</sdnType>
    <programList><program>NS-PLC</program><program>SDGT</program></programList>
    <remarks>(Linked To: HAMAS)</remarks>
    <addressList>
      <address><uid>1</uid><address1>Al-Rimal Street</address1><city>Gaza</city><country>West Bank</country></address>
    </addressList>
  </sdnEntry>
</sdnList>
)";

TEST(OfacXml, ReadsEntries) {
  auto batch = ParseOfacXml(kSdnXml, "cons-nonsdn.xml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "ofac-consolidated");
  EXPECT_EQ(batch->publish_date, "2025-03-28");
  EXPECT_EQ(batch->version.substr(0, 11), "2025-03-28+");
  ASSERT_EQ(batch->entities.size(), 2u);
  const Entity& p = batch->entities[0];
  EXPECT_EQ(p.id, "ofac-cons-9639");
  EXPECT_EQ(p.kind, "person");
  EXPECT_EQ(p.where.line, 7);
  ASSERT_EQ(p.names.size(), 3u);
  EXPECT_EQ(p.names[0].text, "HANIYA, Ismail Abdul Salah");
  EXPECT_EQ(p.names[1].text, "HANIYYA, Ismaeel");
  EXPECT_EQ(p.names[1].kind, "alias");
  EXPECT_EQ(p.names[2].text, "ABU AL-ABD");
  EXPECT_EQ(p.names[2].kind, "weak_alias");
  EXPECT_EQ(ValuesOf(p, "birth_date"), (std::vector<std::string>{"1962", "~1963"}));
  EXPECT_EQ(ValuesOf(p, "birth_place"), std::vector<std::string>{"Shati, Gaza"});
  EXPECT_EQ(ValuesOf(p, "nationality"), std::vector<std::string>{"PS"});
  EXPECT_EQ(ValuesOf(p, "gender"), std::vector<std::string>{"male"});
  EXPECT_EQ(ValuesOf(p, "remark"),
            std::vector<std::string>{"Secondary sanctions risk: section 1(b)"});
  ASSERT_EQ(p.identifiers.size(), 1u);
  EXPECT_EQ(p.identifiers[0].type, "passport");
  EXPECT_EQ(p.identifiers[0].country, "EG");

  const Entity& o = batch->entities[1];
  EXPECT_EQ(o.kind, "organization");
  EXPECT_EQ(o.names[0].text, "AL-WAFA CHARITABLE SOCIETY");
  EXPECT_EQ(ValuesOf(o, "linked_to"), std::vector<std::string>{"HAMAS"});
  EXPECT_EQ(ValuesOf(o, "address"), std::vector<std::string>{"Al-Rimal Street, Gaza, West Bank"});
  int designations = 0;
  for (const auto& d : batch->designations) {
    designations += d.entity == "ofac-cons-9647";
    EXPECT_EQ(d.authority_code, "US");
  }
  EXPECT_EQ(designations, 2);
}

TEST(OfacXml, SdnFileNamesGiveTheSdnDataset) {
  auto batch = ParseOfacXml(kSdnXml, "sdn.xml");
  ASSERT_TRUE(batch.ok()) << batch.status();
  EXPECT_EQ(batch->dataset, "ofac-sdn");
  EXPECT_EQ(batch->entities[0].id, "ofac-9639");
}

void ExpectXmlRefused(const std::string& text, const std::vector<std::string>& parts) {
  ExpectRefusal(ParseOfacXml(text, "sdn.xml"), parts);
}

TEST(OfacXml, RefusesMalformedEntries) {
  ExpectXmlRefused(ReplaceOnce(kSdnXml, "<sdnType>Entity", "<sdnType>Ship"),
                {"sdn.xml:32: sdnEntry.sdnType: unknown entity type 'Ship'"});
  ExpectXmlRefused(ReplaceOnce(kSdnXml, "<dateOfBirth>1962", "<dateOfBirth>31 Feb 1962"),
                {"sdn.xml:23: dateOfBirth: invalid date '31 Feb 1962'"});
  ExpectXmlRefused(ReplaceOnce(kSdnXml, "<uid>9647</uid>", "<uid>9639</uid>"),
                {"sdn.xml:29: sdnEntry.uid: duplicate uid 9639 (first at line 7)"});
  ExpectXmlRefused(ReplaceOnce(kSdnXml, "</sdnEntry>\n</sdnList>", "</sdnEntry>\n"), {"XML syntax error"});
  ExpectXmlRefused(ReplaceOnce(kSdnXml, "03/28/2025", "13/28/2025"), {"Publish_Date: invalid date"});
}

}  // namespace
}  // namespace vigil
