// gzip answers: what Accept-Encoding allows, and that a body comes back
// whole from zlib's inflate.
#include "server/http/compression.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace vigil::server {
namespace {

std::string Gunzip(const std::string& packed) {
  z_stream z{};
  EXPECT_EQ(inflateInit2(&z, 15 + 16), Z_OK);
  std::string out(1 << 20, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(inflate(&z, Z_FINISH), Z_STREAM_END);
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}

TEST(CompressionTest, AcceptEncodingIsRead) {
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));  // python requests, browsers
  EXPECT_TRUE(AcceptsGzip("br;q=1.0, GZIP;q=0.8"));
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("deflate, br"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.000, *"));  // refused by name, whatever * says
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
  EXPECT_TRUE(AcceptsGzip("gzip; q=0.001"));
}

TEST(CompressionTest, OnlyTextIsWorthCompressing) {
  EXPECT_TRUE(IsCompressible("application/json"));
  EXPECT_TRUE(IsCompressible("text/html; charset=utf-8"));
  EXPECT_TRUE(IsCompressible("text/javascript; charset=utf-8"));
  EXPECT_TRUE(IsCompressible("application/x-ndjson"));
  EXPECT_FALSE(IsCompressible("image/png"));
  EXPECT_FALSE(IsCompressible("font/woff2"));
}

TEST(CompressionTest, GzipRoundTrips) {
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "{\"entity\": \"haqqani-network\", \"score\": " + std::to_string(i) + "}\n";
  for (int level : {1, 6, 9}) {
    std::string packed = Gzip(body, level);
    EXPECT_LT(packed.size(), body.size() / 5) << level;
    ASSERT_GE(packed.size(), 2u);
    EXPECT_EQ(static_cast<unsigned char>(packed[0]), 0x1f);  // the gzip magic
    EXPECT_EQ(static_cast<unsigned char>(packed[1]), 0x8b);
    EXPECT_EQ(Gunzip(packed), body) << level;
  }
  EXPECT_EQ(Gunzip(Gzip("", 6)), "");
}

}  // namespace
}  // namespace vigil::server
