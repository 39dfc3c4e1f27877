// libcsv with a geometrically growing field buffer.
#include "vigil/ingest/internal/csv_parser.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace vigil::internal {
namespace {

// Every block handed to libcsv is preceded by its real capacity, so that a
// request libcsv makes 128 bytes at a time is served from the room a
// doubling left.
constexpr size_t kHeader = 16;  // keeps the block aligned like malloc's

size_t CapacityOf(void* block) {
  size_t capacity;
  std::memcpy(&capacity, static_cast<char*>(block) - kHeader, sizeof capacity);
  return capacity;
}

void* Allocate(void* old, size_t capacity) {
  if (capacity > SIZE_MAX - kHeader) return nullptr;
  char* base = old ? static_cast<char*>(old) - kHeader : nullptr;
  auto* block = static_cast<char*>(std::realloc(base, capacity + kHeader));
  if (!block) return nullptr;
  std::memcpy(block, &capacity, sizeof capacity);
  return block + kHeader;
}

void* GrowingRealloc(void* block, size_t size) {
  if (block && size <= CapacityOf(block)) return block;
  size_t doubled = block ? CapacityOf(block) * 2 : 256;
  if (void* grown = Allocate(block, std::max(size, doubled))) return grown;
  return Allocate(block, size);  // no room to double: what was asked, or null
}

void GrowingFree(void* block) {
  if (block) std::free(static_cast<char*>(block) - kHeader);
}

}  // namespace

CsvParser::CsvParser() {
  ok_ = csv_init(&parser_, 0) == 0;
  if (!ok_) return;
  csv_set_realloc_func(&parser_, GrowingRealloc);
  csv_set_free_func(&parser_, GrowingFree);
}

CsvParser::~CsvParser() {
  if (ok_) csv_free(&parser_);
}

}  // namespace vigil::internal
