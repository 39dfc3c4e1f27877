// Small helpers on the model records.
#include "vigil/model/model.h"

namespace vigil {

const Name* Entity::Primary() const {
  for (const auto& n : names)
    if (n.kind == "primary") return &n;
  return names.empty() ? nullptr : &names.front();
}

std::string Relation::Key() const {
  return subject + "|" + predicate + "|" + object + "|" + from.ToString();
}

std::string ClaimedAttribute::Key() const { return entity + "|" + key + "|" + value; }

std::string Designation::Key() const {
  return entity + "|" + (authority.empty() ? authority_code : authority) + "|" + program;
}

}  // namespace vigil
