// End to end: reading new reporting through `vigil serve`, on the mini
// knowledge base and the small article of tests/fixtures/reading: POST
// /v1/sources reads it as `vigil read` does (once: the same text again adds
// nothing), GET /v1/review lists the queue as `vigil review` does, and
// POST /v1/review/{id}/accept|reject|edit decide as `vigil review` does, for
// the analyst role only; accepted claims pass `vigil verify`.
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reader_server.h"

namespace vigil::e2e {
namespace {

using nlohmann::json;

std::string ArticleText() {
  std::ifstream in(SourceDir() + "/tests/fixtures/reading/article.txt", std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class ServerReadingTest : public ReaderServerTest {
 protected:
  void SetUp() override {
    CliTest::SetUp();
    ASSERT_EQ(LoadMini().exit_code, 0);
    analyst_ = Token("ana", "analyst");
    admin_ = Token("boss", "admin");
    Serve();  // and a reader's token
  }
  // The article read through the API (201 the first time).
  json ReadArticle(int status) {
    json body = {{"text", ArticleText()}, {"published", "2024-05"}, {"publisher", "Test Wire"}};
    auto r = server_->Post("/v1/sources", analyst_, body.dump());
    EXPECT_EQ(r.status, status) << r.body;
    return r.Json();
  }
  static int64_t ProposalId(const json& proposals, const std::string& rule) {
    for (const auto& p : proposals)
      if (p["rule"] == rule) return p["id"].get<int64_t>();
    ADD_FAILURE() << "no proposal by rule " << rule;
    return 0;
  }
  HttpResult Decide(int64_t id, const std::string& action, const std::string& body = "",
                    const std::string& token = "") {
    return server_->Post("/v1/review/" + std::to_string(id) + "/" + action,
                         token.empty() ? analyst_ : token, body);
  }
  std::string analyst_, admin_;
};

TEST_F(ServerReadingTest, ReadingAnArticleIsVigilReadAndHappensOnce) {
  json first = ReadArticle(201);
  EXPECT_TRUE(first["new_source"]);
  EXPECT_EQ(first["source"]["title"], "Northern Front claims raid on Darvaz");
  EXPECT_EQ(first["source"]["publisher"], "Test Wire");
  EXPECT_EQ(first["source"]["format"], "text");
  EXPECT_EQ(first["source"]["id"].get<std::string>().rfind("read-", 0), 0u);
  EXPECT_EQ(first["proposals_added"], first["proposals"].size());
  EXPECT_EQ(first["counts"]["mentions"], first["mentions"].size());
  EXPECT_GT(first["proposals"].size(), 3u);
  for (const auto& p : first["proposals"])
    if (p["rule"] == "leader_of.appositive") {
      EXPECT_EQ(p["subject"], "karim-yusufzai");
      EXPECT_EQ(p["object"], "northern-front");
    }

  // Idempotent by the text's SHA-256: 200, nothing added.
  json again = ReadArticle(200);
  EXPECT_FALSE(again["new_source"]);
  EXPECT_EQ(again["proposals_added"], 0);
  EXPECT_EQ(again["proposals_known"], first["proposals_added"]);
  EXPECT_EQ(again["source"], first["source"]);

  // The CLI reading the same text sees the same source, mentions and queue.
  auto path = dir_ + "/article.txt";
  std::ofstream(path, std::ios::binary) << ArticleText();
  json cli = Json({"read", path, "--published", "2024-05"});
  EXPECT_FALSE(cli["new_source"]);
  for (const char* key : {"source", "counts", "mentions", "dates", "numbers", "statements",
                          "places", "proposals"})
    EXPECT_EQ(cli[key], first[key]) << key;

  // The queue, as `vigil review`.
  std::string source = first["source"]["id"];
  auto queue = server_->Get("/v1/review?source=" + source, analyst_);
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.Json(), Json({"review", "--source", source}));
  EXPECT_EQ(queue.Json()["proposals"].size(), first["proposals"].size());
}

TEST_F(ServerReadingTest, BadArticlesAreRefusedNamingTheField) {
  struct Case {
    std::string body;
    int status;
    const char* field;
  } cases[] = {
      {R"({"title": "no text"})", 422, "text"},
      {R"({"text": "   \n  "})", 422, "text"},
      {R"({"text": "Some text.", "published": "May 2024"})", 422, "published"},
      {R"({"text": "Some text.", "format": "pdf"})", 422, "format"},
      {R"({"text": "Some text.", "colour": "red"})", 422, "colour"},
      {R"({"text": 12})", 422, "text"},
      {R"({"text": "Some text.", "file": "../etc/passwd"})", 422, "file"},
      {R"(["text"])", 422, "body"},
      {R"({"text": )", 400, nullptr},
  };
  for (const auto& c : cases) {
    auto r = server_->Post("/v1/sources", analyst_, c.body);
    EXPECT_EQ(r.status, c.status) << c.body << " -> " << r.body;
    if (c.field) {
      EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.body << " -> " << r.body;
    }
  }
  // Nothing was read.
  EXPECT_TRUE(Json({"review"})["proposals"].empty());
}

TEST_F(ServerReadingTest, OnlyAnAnalystReadsAndDecides) {
  json body = {{"text", ArticleText()}};
  EXPECT_EQ(server_->Post("/v1/sources", reader_, body.dump()).status, 403);
  EXPECT_EQ(server_->Post("/v1/sources", "", body.dump()).status, 401);
  EXPECT_EQ(server_->Get("/v1/review", reader_).status, 403);
  json read = ReadArticle(201);
  int64_t leader = ProposalId(read["proposals"], "leader_of.appositive");
  auto refused = Decide(leader, "accept", "", reader_);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("analyst"), std::string::npos) << refused.body;
  EXPECT_EQ(Json({"review", "--status", "pending"})["proposals"].size(), read["proposals"].size());
  // An admin may do what an analyst may.
  EXPECT_EQ(Decide(leader, "accept", "", admin_).status, 200);
}

TEST_F(ServerReadingTest, AcceptRejectEditAsTheCliDoesAndVerifyPasses) {
  json read = ReadArticle(201);
  int64_t leader = ProposalId(read["proposals"], "leader_of.appositive");
  int64_t allied = ProposalId(read["proposals"], "allied_with.verb");
  int64_t claimed = ProposalId(read["proposals"], "participant.claimed");

  auto accepted = Decide(leader, "accept", R"({"note": "seen in two reports"})");
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(accepted.Json()["status"], "accepted");
  EXPECT_EQ(accepted.Json()["decided_by"], "ana");  // the token's name
  EXPECT_EQ(accepted.Json()["note"], "seen in two reports");

  auto rejected = Decide(claimed, "reject");
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.Json()["status"], "rejected");

  auto edited =
      Decide(allied, "edit", R"({"predicate": "supports", "stance": "asserts", "note": "checked"})");
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json()["predicate"], "supports");
  EXPECT_EQ(edited.Json()["stance"], "asserts");
  EXPECT_EQ(edited.Json()["edited"], true);
  EXPECT_EQ(edited.Json()["status"], "accepted");

  // The queue says so, as `vigil review` does.
  auto queue = server_->Get("/v1/review?status=accepted", analyst_);
  ASSERT_EQ(queue.status, 200);
  EXPECT_EQ(queue.Json(), Json({"review", "--status", "accepted"}));
  EXPECT_EQ(queue.Json()["proposals"].size(), 2u);

  // The accepted claims are in the knowledge base and pass verify.
  std::string source = read["source"]["id"];
  EXPECT_NE(Json({"show", "karim-yusufzai"}).dump().find(source), std::string::npos);
  auto verify = Vigil({"verify", "--texts", MiniTexts()});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;

  // A decided proposal may be decided again, as with the CLI: the last
  // decision holds.
  auto reversed = Decide(leader, "reject", R"({"note": "retracted"})");
  ASSERT_EQ(reversed.status, 200) << reversed.body;
  EXPECT_EQ(reversed.Json()["status"], "rejected");
  EXPECT_EQ(Json({"review", "--status", "accepted"})["proposals"].size(), 1u);

  // Every decision is in the audit log under the token's name.
  auto audit = server_->Get("/v1/audit", admin_);
  ASSERT_EQ(audit.status, 200);
  EXPECT_NE(audit.body.find("\"review_edit\""), std::string::npos) << audit.body;
  EXPECT_NE(audit.body.find("\"read_article\""), std::string::npos) << audit.body;
}

TEST_F(ServerReadingTest, BadDecisionsAreNamedAndUnknownIdsAre404) {
  json read = ReadArticle(201);
  int64_t leader = ProposalId(read["proposals"], "leader_of.appositive");
  struct Case {
    std::string target, body;
    int status;
    const char* field;
  } cases[] = {
      {"/v1/review/999999/accept", "", 404, nullptr},
      {"/v1/review/abc/accept", "", 422, "id"},
      {"/v1/review/0/reject", "", 422, "id"},
      {"/v1/review/" + std::to_string(leader) + "/accept", R"({"predicate": "supports"})", 422,
       "predicate"},
      {"/v1/review/" + std::to_string(leader) + "/edit", R"({"object": "nobody"})", 422, "object"},
      {"/v1/review/" + std::to_string(leader) + "/edit", R"({"stance": "maybe"})", 422, "stance"},
      {"/v1/review/" + std::to_string(leader) + "/edit", R"({"span": [5]})", 422, "span"},
      {"/v1/review/" + std::to_string(leader) + "/edit", R"({"colour": "red"})", 422, "colour"},
      {"/v1/review/" + std::to_string(leader) + "/edit", R"({"note": )", 400, nullptr},
  };
  for (const auto& c : cases) {
    auto r = server_->Post(c.target, analyst_, c.body);
    EXPECT_EQ(r.status, c.status) << c.target << " " << c.body << " -> " << r.body;
    if (c.field) {
      EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.target << " -> " << r.body;
    }
  }
  // Nothing was decided.
  EXPECT_EQ(Json({"review", "--status", "pending"})["proposals"].size(), read["proposals"].size());
  auto queue = server_->Get("/v1/review?source=read-000000000000", analyst_);
  EXPECT_EQ(queue.status, 404) << queue.body;
  auto status = server_->Get("/v1/review?status=maybe", analyst_);
  EXPECT_EQ(status.status, 422) << status.body;
  EXPECT_EQ(status.Json()["error"]["field"], "status");
}

}  // namespace
}  // namespace vigil::e2e
