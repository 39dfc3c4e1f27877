// ResponseCache: answers of read-only routes kept until the knowledge base
// changes.
//
//   ResponseCache cache(64 << 20);
//   if (auto hit = cache.Get(request.target, generation)) return *hit;
//   Response r = ...;  // the expensive answer
//   cache.Put(request.target, generation, &r);  // r.Body() is now shared
//
// An entity card or an exposure report costs milliseconds of reads and JSON
// to assemble, and is the same for every caller until a load changes the
// store (its generation, store::Store::Generation()). The cache holds the
// rendered answers of the current generation, forgets them all when the
// generation moves, and drops the least recently used ones beyond its size
// in bytes. Only complete 200 answers are kept. Safe from several threads.
#pragma once

#include <cstdint>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "server/http/message.h"

namespace vigil::server {

class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  std::optional<Response> Get(const std::string& key, int64_t generation);
  // Keeps a 200 answer; its body becomes shared (ShareBody), so the caller
  // sends it without a copy.
  void Put(const std::string& key, int64_t generation, Response* response);

  size_t bytes() const;
  size_t entries() const;

 private:
  struct Entry {
    std::string key;
    Response response;
    size_t bytes = 0;
  };
  void ClearIfStale(int64_t generation);  // with mutex_ held

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  int64_t generation_ = -1;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  size_t bytes_ = 0;
};

}  // namespace vigil::server
