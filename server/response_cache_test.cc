#include "server/response_cache.h"

#include <gtest/gtest.h>

namespace vigil::server {
namespace {

Response Body(std::string text, int status = 200) {
  Response r;
  r.status = status;
  r.body = std::move(text);
  return r;
}

TEST(ResponseCacheTest, ServesWhatWasPutForTheSameGeneration) {
  ResponseCache cache(1 << 20);
  EXPECT_FALSE(cache.Get("/v1/entities/a", 1));
  cache.Put("/v1/entities/a", 1, Body("card a"));
  auto hit = cache.Get("/v1/entities/a", 1);
  ASSERT_TRUE(hit);
  EXPECT_EQ(hit->body, "card a");
  EXPECT_FALSE(cache.Get("/v1/entities/b", 1));
}

TEST(ResponseCacheTest, ANewGenerationForgetsEverything) {
  ResponseCache cache(1 << 20);
  cache.Put("/v1/entities/a", 1, Body("old card"));
  EXPECT_FALSE(cache.Get("/v1/entities/a", 2));
  EXPECT_EQ(cache.entries(), 0u);
  cache.Put("/v1/entities/a", 2, Body("new card"));
  EXPECT_EQ(cache.Get("/v1/entities/a", 2)->body, "new card");
}

TEST(ResponseCacheTest, KeepsOnlyCompleteAnswers) {
  ResponseCache cache(1 << 20);
  cache.Put("/v1/entities/missing", 1, Body("{\"error\":{}}", 404));
  EXPECT_FALSE(cache.Get("/v1/entities/missing", 1));
}

TEST(ResponseCacheTest, DropsTheLeastRecentlyUsedBeyondItsSize) {
  // Room for two entries of this size, not three.
  const std::string big(1000, 'x');
  ResponseCache cache(2 * (1000 + 2 + 512));
  cache.Put("/a", 7, Body(big));
  cache.Put("/b", 7, Body(big));
  ASSERT_TRUE(cache.Get("/a", 7));  // /a is now the most recent
  cache.Put("/c", 7, Body(big));
  EXPECT_TRUE(cache.Get("/a", 7));
  EXPECT_FALSE(cache.Get("/b", 7));
  EXPECT_TRUE(cache.Get("/c", 7));
  EXPECT_LE(cache.bytes(), 2u * (1000 + 2 + 512));
}

TEST(ResponseCacheTest, RefusesAnAnswerLargerThanItself) {
  ResponseCache cache(100);
  cache.Put("/a", 1, Body(std::string(1000, 'x')));
  EXPECT_FALSE(cache.Get("/a", 1));
  EXPECT_EQ(cache.bytes(), 0u);
}

}  // namespace
}  // namespace vigil::server
