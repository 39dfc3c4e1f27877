#include "vigil/ingest/ofac/ofac_fields.h"
#include "vigil/testing/support.h"

#include <gtest/gtest.h>

namespace vigil::ofac {
namespace {

using test_support::ValuesOf;

TEST(OfacDate, ReadsEveryFormTheListsUse) {
  EXPECT_EQ(*OfacDate("22 Nov 1979"), "1979-11-22");
  EXPECT_EQ(*OfacDate("05 Jan 1972"), "1972-01-05");
  EXPECT_EQ(*OfacDate("Nov 1979"), "1979-11");
  EXPECT_EQ(*OfacDate("1979"), "1979");
  EXPECT_EQ(*OfacDate("circa 1960"), "~1960");
  EXPECT_EQ(*OfacDate("1960 to 1962"), "1960/1962");
  EXPECT_EQ(*OfacDate("01 Jan 1960 to 31 Dec 1962"), "1960/1962");
  EXPECT_EQ(*OfacDate("Mar 1960 to Mar 1962"), "1960-03/1962-03");
  EXPECT_EQ(*OfacDate("circa 1979-1982"), "~1979/~1982");
  EXPECT_EQ(*OfacDate("1977."), "1977");
}

TEST(OfacDate, RefusesImpossibleAndUnreadableDates) {
  EXPECT_FALSE(OfacDate("31 Feb 1980").ok());
  EXPECT_FALSE(OfacDate("32 Jan 1980").ok());
  EXPECT_FALSE(OfacDate("Foo 1980").ok());
  EXPECT_FALSE(OfacDate("the 1970s").ok());
  EXPECT_FALSE(OfacDate("1962 to 1960").ok());
  EXPECT_NE(OfacDate("31 Feb 1980").status().message().find("invalid date '31 Feb 1980'"),
            std::string::npos);
}

TEST(OfacRemarks, ReadsWhatRemarksCarry) {
  Entity e;
  internal::ReadProblems problems;
  ApplyRemarks(
      "DOB 1977; alt. DOB 1978; POB Danda, Miramshah, Afghanistan; nationality Afghanistan; "
      "citizen Pakistan; Gender Male; Passport A1234567 (Afghanistan) expires 2020; National ID "
      "No. 2802738003 (Iran); a.k.a. 'KHALIFA'; f.k.a. 'AL-'ANIZI, Abdallah'; Linked To: AL "
      "QA'IDA; Website www.example.org; Email Address x@example.org; Phone No. 263-4-486946; "
      "Vessel Registration Identification IMO 7406784; Digital Currency Address - XBT 1Kuf2Rd; "
      "Head of the Council; Additional Sanctions Information - Subject to Secondary Sanctions.",
      "Head of the Council", {"sdn.csv", 7}, &e, &problems);
  EXPECT_TRUE(problems.ok()) << problems.ToStatus();
  EXPECT_EQ(ValuesOf(e, "birth_date"), (std::vector<std::string>{"1977", "1978"}));
  EXPECT_EQ(ValuesOf(e, "birth_place"), std::vector<std::string>{"Danda, Miramshah, Afghanistan"});
  EXPECT_EQ(ValuesOf(e, "birth_country"), std::vector<std::string>{"AF"});
  EXPECT_EQ(ValuesOf(e, "nationality"), std::vector<std::string>{"AF"});
  EXPECT_EQ(ValuesOf(e, "citizenship"), std::vector<std::string>{"PK"});
  EXPECT_EQ(ValuesOf(e, "gender"), std::vector<std::string>{"male"});
  EXPECT_EQ(ValuesOf(e, "linked_to"), std::vector<std::string>{"AL QA'IDA"});
  EXPECT_EQ(ValuesOf(e, "website"), std::vector<std::string>{"www.example.org"});
  EXPECT_EQ(ValuesOf(e, "email"), std::vector<std::string>{"x@example.org"});
  EXPECT_EQ(ValuesOf(e, "phone"), std::vector<std::string>{"263-4-486946"});
  // The title repeated in the remarks is not a remark; the rest is.
  EXPECT_EQ(ValuesOf(e, "remark"),
            std::vector<std::string>{
                "Additional Sanctions Information - Subject to Secondary Sanctions"});
  ASSERT_EQ(e.names.size(), 2u);
  EXPECT_EQ(e.names[0].text, "KHALIFA");
  EXPECT_EQ(e.names[0].kind, "weak_alias");
  EXPECT_EQ(e.names[1].text, "AL-'ANIZI, Abdallah");
  ASSERT_EQ(e.identifiers.size(), 4u);
  EXPECT_EQ(e.identifiers[0].type, "passport");
  EXPECT_EQ(e.identifiers[0].value, "A1234567");
  EXPECT_EQ(e.identifiers[0].country, "AF");
  EXPECT_EQ(e.identifiers[0].note, "expires 2020");
  EXPECT_EQ(e.identifiers[1].type, "national_id");
  EXPECT_EQ(e.identifiers[1].value, "2802738003");
  EXPECT_EQ(e.identifiers[1].country, "IR");
  EXPECT_EQ(e.identifiers[2].type, "imo");
  EXPECT_EQ(e.identifiers[2].value, "7406784");
  EXPECT_EQ(e.identifiers[3].type, "digital_currency_address");
  EXPECT_EQ(e.identifiers[3].value, "1Kuf2Rd");
  EXPECT_EQ(e.identifiers[3].note, "XBT");
}

TEST(OfacRemarks, ABadDateIsAnErrorAtTheRecord) {
  Entity e;
  internal::ReadProblems problems;
  ApplyRemarks("DOB 31 Feb 1980; POB Iran", "", {"sdn.csv", 12}, &e, &problems);
  ASSERT_FALSE(problems.ok());
  std::string message(problems.ToStatus().message());
  EXPECT_NE(message.find("sdn.csv:12: remarks.DOB: invalid date '31 Feb 1980'"), std::string::npos)
      << message;
}

TEST(OfacRemarks, ParenthesisedRemarksOfTheXmlList) {
  Entity e;
  internal::ReadProblems problems;
  ApplyRemarks("(Linked To: HAMAS)", "", {"cons.xml", 3}, &e, &problems);
  EXPECT_EQ(ValuesOf(e, "linked_to"), std::vector<std::string>{"HAMAS"});
}

TEST(OfacKind, MapsListTypes) {
  Entity person, org, vessel, unknown;
  EXPECT_TRUE(SetKind("individual", &person));
  EXPECT_EQ(person.kind, "person");
  EXPECT_TRUE(SetKind("", &org));
  EXPECT_EQ(org.kind, "organization");
  EXPECT_TRUE(SetKind("Vessel", &vessel));
  EXPECT_EQ(vessel.kind, "organization");
  EXPECT_EQ(vessel.attributes["list_type"], "vessel");
  EXPECT_FALSE(SetKind("ship", &unknown));
}

TEST(OfacListKind, ByFileName) {
  EXPECT_EQ(ListKindOfFile("data/SDN.CSV"), ListKind::kSdn);
  EXPECT_EQ(ListKindOfFile("x/sdn-2023-01.csv"), ListKind::kSdn);
  EXPECT_EQ(ListKindOfFile("x/CONS_PRIM.CSV"), ListKind::kConsolidated);
  EXPECT_EQ(ListKindOfFile("x/cons-nonsdn-2025-03-28.xml"), ListKind::kConsolidated);
  EXPECT_EQ(ListKindOfFile("cons/sdn.xml"), ListKind::kSdn);  // the file name decides
}

}  // namespace
}  // namespace vigil::ofac
