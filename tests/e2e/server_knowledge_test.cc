// End to end: the knowledge base and its analysis through `vigil serve`:
// every answer is the CLI's --json for the same question, parameters are
// checked by name, and a reader's token is enough.
#include <nlohmann/json.hpp>
#include <zlib.h>

#include "reader_server.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

class ServerKnowledgeTest : public ReaderServerTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    Serve();
  }
};

TEST_F(ServerKnowledgeTest, CardsAndTablesAreTheCliJson) {
  EXPECT_EQ(Get("/v1/entities/northern-front"), Json({"show", "northern-front"}));
  // Any name, in any script, as the CLI resolves it.
  EXPECT_EQ(Get("/v1/entities/Karim%20Yusufzai")["id"], "karim-yusufzai");
  EXPECT_EQ(Get("/v1/relations?predicate=allied_with"),
            Json({"list", "relations", "--predicate", "allied_with"}));
  EXPECT_EQ(Get("/v1/list/events"), Json({"list", "events"}));
  EXPECT_EQ(Get("/v1/estimates?as_of=2020"), Json({"list", "estimates", "--as-of", "2020"}));
  EXPECT_EQ(Get("/v1/conflicts"), Json({"conflicts"}));
  json missing = Get("/v1/entities/nobody-at-all", 404);
  EXPECT_EQ(missing["error"]["code"], "not_found");
}

std::string Gunzip(const std::string& packed) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) return "";
  std::string out(8 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  int result = inflate(&z, Z_FINISH);
  out.resize(z.total_out);
  inflateEnd(&z);
  return result == Z_STREAM_END ? out : "";
}

TEST_F(ServerKnowledgeTest, ClientsThatAcceptGzipGetItCachedOrNot) {
  const std::string target = "/v1/relations";
  auto plain = server_->Get(target, reader_);
  ASSERT_EQ(plain.status, 200);
  ASSERT_GT(plain.body.size(), 1024u) << "too small to be compressed";
  EXPECT_EQ(plain.headers.count("content-encoding"), 0u);
  EXPECT_EQ(plain.headers["vary"], "Accept-Encoding");
  for (int round = 0; round < 2; ++round) {  // made, then from the cache
    auto packed = server_->Request("GET", target, reader_, "", {{"Accept-Encoding", "gzip, deflate"}});
    ASSERT_EQ(packed.status, 200);
    EXPECT_EQ(packed.headers["content-encoding"], "gzip");
    EXPECT_LT(packed.body.size(), plain.body.size() / 2);
    EXPECT_EQ(Gunzip(packed.body), plain.body);
  }
  auto refused = server_->Request("GET", target, reader_, "", {{"Accept-Encoding", "gzip;q=0"}});
  EXPECT_EQ(refused.headers.count("content-encoding"), 0u);
  EXPECT_EQ(refused.body, plain.body);
}

TEST_F(ServerKnowledgeTest, AnalysisIsTheCliJson) {
  EXPECT_EQ(Get("/v1/rank?measure=degree&top=3"),
            Json({"rank", "--measure", "degree", "--top", "3"}));
  EXPECT_EQ(Get("/v1/communities"), Json({"communities"}));
  EXPECT_EQ(Get("/v1/keyplayers?k=1"), Json({"keyplayers", "--k", "1"}));
  json paths = Get("/v1/paths/karim-yusufzai/eastern-committee?k=2");
  json cli_paths = Json({"paths", "karim-yusufzai", "eastern-committee", "--k", "2"});
  EXPECT_EQ(paths, cli_paths);
  json exposure = Get("/v1/exposure/eastern-committee?max_hops=3");
  json cli_exposure = Json({"exposure", "eastern-committee", "--max-hops", "3"});
  exposure.erase("elapsed_ms");
  cli_exposure.erase("elapsed_ms");
  EXPECT_EQ(exposure, cli_exposure);
  EXPECT_FALSE(cli_exposure["exposures"].empty()) << cli_exposure.dump();
}

TEST_F(ServerKnowledgeTest, ParametersAreCheckedByName) {
  struct Case {
    const char* target;
    const char* field;
  } cases[] = {
      {"/v1/rank?measure=betweeness", "measure"},
      {"/v1/rank?top=many", "top"},
      {"/v1/relations?colour=red", "colour"},
      {"/v1/relations?as_of=2021-13", "as_of"},
      {"/v1/exposure/eastern-committee?max_hops=99", "max_hops"},
      {"/v1/keyplayers?k=0", "k"},
      {"/v1/communities?resolution=-1", "resolution"},
      {"/v1/rank?min_confidence=nan", "min_confidence"},
  };
  for (const auto& c : cases) EXPECT_EQ(Get(c.target, 422)["error"]["field"], c.field) << c.target;
  EXPECT_EQ(server_->Get("/v1/rank").status, 401);
}

}  // namespace
}  // namespace vigil::e2e
