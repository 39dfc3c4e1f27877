// Names of part roles and of the kinds of names.
#include "vigil/match/explain.h"

namespace vigil::match {

const char* RoleName(PartRole role) {
  switch (role) {
    case PartRole::kGiven: return "given";
    case PartRole::kNasab: return "nasab";
    case PartRole::kNisba: return "nisba";
    case PartRole::kLegalForm: return "legal_form";
    case PartRole::kNoise: return "noise";
    case PartRole::kPlace: return "place";
  }
  return "?";
}

bool ParseNameKind(std::string_view text, NameKind* kind) {
  if (text.empty() || text == "any") *kind = NameKind::kAny;
  else if (text == "person") *kind = NameKind::kPerson;
  else if (text == "organization" || text == "organisation") *kind = NameKind::kOrganization;
  else return false;
  return true;
}

const char* NameKindName(NameKind kind) {
  switch (kind) {
    case NameKind::kPerson: return "person";
    case NameKind::kOrganization: return "organization";
    case NameKind::kAny: return "any";
  }
  return "any";
}

}  // namespace vigil::match
