#include "server/response_cache.h"

#include <gtest/gtest.h>

namespace vigil::server {
namespace {

Response Body(std::string text, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  r.content_type = "application/octet-stream";  // not compressed: sizes are exact
  return r;
}

void Put(ResponseCache& cache, const std::string& key, int64_t generation, Response r) {
  cache.Put(key, generation, &r);
}

TEST(ResponseCacheTest, ServesWhatWasPutForTheSameGeneration) {
  ResponseCache cache(1 << 20);
  EXPECT_FALSE(cache.Get("/v1/entities/a", 1));
  Put(cache, "/v1/entities/a", 1, Body("card a"));
  auto hit = cache.Get("/v1/entities/a", 1);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->Body(), "card a");
  EXPECT_FALSE(cache.Get("/v1/entities/b", 1));
}

TEST(ResponseCacheTest, ANewGenerationForgetsEverything) {
  ResponseCache cache(1 << 20);
  Put(cache, "/v1/entities/a", 1, Body("old card"));
  EXPECT_FALSE(cache.Get("/v1/entities/a", 2));
  EXPECT_EQ(cache.entries(), 0u);
  Put(cache, "/v1/entities/a", 2, Body("new card"));
  EXPECT_EQ(cache.Get("/v1/entities/a", 2)->Body(), "new card");
}

TEST(ResponseCacheTest, KeepsOnlyCompleteAnswers) {
  ResponseCache cache(1 << 20);
  Put(cache, "/v1/entities/missing", 1, Body("{\"error\":{}}", 404));
  EXPECT_FALSE(cache.Get("/v1/entities/missing", 1));
}

TEST(ResponseCacheTest, DropsTheLeastRecentlyUsedBeyondItsSize) {
  // Room for two entries of this size, not three.
  const std::string big(1000, 'x');
  ResponseCache cache(2 * (1000 + 2 + 512));
  Put(cache, "/a", 7, Body(big));
  Put(cache, "/b", 7, Body(big));
  ASSERT_TRUE(cache.Get("/a", 7));  // /a is now the most recent
  Put(cache, "/c", 7, Body(big));
  EXPECT_TRUE(cache.Get("/a", 7));
  EXPECT_FALSE(cache.Get("/b", 7));
  EXPECT_TRUE(cache.Get("/c", 7));
  EXPECT_LE(cache.bytes(), 2u * (1000 + 2 + 512));
}

TEST(ResponseCacheTest, SharesOneBodyAndItsGzipFormAmongAnswers) {
  ResponseCache cache(1 << 20);
  Response r;
  for (int i = 0; i < 200; ++i) r.body += "{\"entity\": \"taliban\", \"relation\": " + std::to_string(i) + "}\n";
  const std::string text = r.body;
  cache.Put("/v1/exposure/x", 3, &r);
  EXPECT_TRUE(r.body.empty());  // moved into the shared body the caller sends
  ASSERT_TRUE(r.shared_body);
  auto first = cache.Get("/v1/exposure/x", 3);
  auto second = cache.Get("/v1/exposure/x", 3);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->Body(), text);
  EXPECT_EQ(first->shared_body.get(), second->shared_body.get()) << "copied, not shared";
  ASSERT_TRUE(first->gzip_body);
  EXPECT_LT(first->gzip_body->size(), text.size() / 4);
  EXPECT_EQ(first->gzip_body.get(), second->gzip_body.get());
}

TEST(ResponseCacheTest, RefusesAnAnswerLargerThanItself) {
  ResponseCache cache(100);
  Put(cache, "/a", 1, Body(std::string(1000, 'x')));
  EXPECT_FALSE(cache.Get("/a", 1));
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace vigil::server
