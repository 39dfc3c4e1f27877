#include "vigil/ingest/detect.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

InputFormat Detect(const std::string& path, const std::string& head) {
  auto format = DetectFormat(path, head);
  EXPECT_TRUE(format.ok()) << format.status();
  return format.ok() ? *format : InputFormat::kYaml;
}

TEST(DetectFormat, RecognisesXmlListsByRootElement) {
  EXPECT_EQ(Detect("a.xml",
                   "<?xml version='1.0' encoding='UTF-8'?>\n<CONSOLIDATED_LIST "
                   "dateGenerated='2025-04-19'>"),
            InputFormat::kUnXml);
  EXPECT_EQ(Detect("list", "\xEF\xBB\xBF<!-- exported -->\n<sdnList xmlns='x'><publshInformation>"),
            InputFormat::kOfacXml);
  EXPECT_EQ(Detect("a.txt", "<ns:sdnList xmlns:ns='x'>"), InputFormat::kOfacXml);
}

TEST(DetectFormat, RecognisesOfacCsvByShapeAndYamlBySection) {
  EXPECT_EQ(
      Detect("SDN.CSV",
             "36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"),
      InputFormat::kOfacCsv);
  EXPECT_EQ(Detect("x", "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"), InputFormat::kOfacCsv);
  EXPECT_EQ(Detect("notes", "# curated\nentities:\n  - id: x\n"), InputFormat::kYaml);
  EXPECT_EQ(Detect("people.yaml", "anything"), InputFormat::kYaml);
}

TEST(DetectFormat, RefusesWhatItCannotRead) {
  auto empty = DetectFormat("e.csv", "");
  ASSERT_FALSE(empty.ok());
  EXPECT_NE(empty.status().message().find("e.csv:1: the file is empty"), std::string::npos);
  auto xml = DetectFormat("o.xml", "<?xml version='1.0'?><rss>");
  ASSERT_FALSE(xml.ok());
  EXPECT_NE(xml.status().message().find("root element <rss>"), std::string::npos);
  auto csv = DetectFormat("people.csv", "name,dob\nJohn,1970\n");
  ASSERT_FALSE(csv.ok());
  EXPECT_NE(csv.status().message().find("unrecognised format"), std::string::npos);
}

TEST(FormatName, RoundTripsAndSuggests) {
  for (auto f :
       {InputFormat::kYaml, InputFormat::kUnXml, InputFormat::kOfacXml, InputFormat::kOfacCsv})
    EXPECT_EQ(*ParseFormatName(FormatName(f)), f);
  auto bad = ParseFormatName("ofac-cvs");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("did you mean 'ofac-csv'"), std::string::npos);
}

}  // namespace
}  // namespace vigil
