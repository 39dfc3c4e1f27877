#include "vigil/base/utf8.h"

#include <gtest/gtest.h>

#include "vigil/base/sha256.h"

namespace vigil {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_FALSE(FindInvalidUtf8("plain ascii\n"));
  EXPECT_FALSE(FindInvalidUtf8("سراج الدين حقاني — Сираджуддин 𝄞"));
}

TEST(Utf8, LocatesTheFirstBadByte) {
  std::string text = "line one\nab\xC3(cd";
  auto bad = FindInvalidUtf8(text);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->line, 2);
  EXPECT_EQ(bad->column, 3);
  EXPECT_EQ(bad->byte_offset, 11u);
  EXPECT_EQ(bad->byte, 0xC3);
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_TRUE(FindInvalidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_TRUE(FindInvalidUtf8("\xED\xA0\x80"));      // UTF-16 surrogate
  EXPECT_TRUE(FindInvalidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_TRUE(FindInvalidUtf8("abc\xE2\x80"));       // cut short
  EXPECT_TRUE(FindInvalidUtf8("\xFF"));
}

TEST(Utf8, CodePointOffsets) {
  auto offsets = CodePointOffsets("a’b");
  ASSERT_EQ(offsets.size(), 4u);
  EXPECT_EQ(offsets[1], 1u);
  EXPECT_EQ(offsets[2], 4u);
  EXPECT_EQ(offsets[3], 5u);
}

TEST(Sha256, KnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace vigil
