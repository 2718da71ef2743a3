// Tests of the parameter table and validated parameter sets (parameters.hpp/.cpp).
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <regex>
#include <set>
#include <string>

#include "attachsim/parameters.hpp"
#include "test_support.hpp"

namespace attachsim {
namespace {

Param param(std::size_t i) { return static_cast<Param>(i); }

using testing::error_of;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(ParameterTable, RowsAreWellFormed) {
  const std::regex name_form("[a-z_]+\\.[a-z_]+");
  for (const ParameterInfo& row : parameter_table()) {
    SCOPED_TRACE(std::string(row.name));
    EXPECT_TRUE(std::regex_match(std::string(row.name), name_form));
    EXPECT_FALSE(row.unit.empty());
    EXPECT_FALSE(row.help.empty());
    EXPECT_TRUE(std::isfinite(row.min) && std::isfinite(row.max));
    EXPECT_LT(row.min, row.max);
    EXPECT_EQ(row.group(), row.name.substr(0, row.name.find('.')));
  }
}

TEST(ParameterTable, EveryDefaultIsInsideItsRange) {
  for (const ParameterInfo& row : parameter_table()) {
    SCOPED_TRACE(std::string(row.name));
    EXPECT_GE(row.default_value, row.min);
    EXPECT_LE(row.default_value, row.max);
    if (row.integer()) {
      EXPECT_EQ(row.default_value, std::floor(row.default_value));
    }
  }
  const Parameters defaults;
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    EXPECT_EQ(defaults[param(i)], parameter_table()[i].default_value);
    EXPECT_FALSE(check_value(param(i), defaults[param(i)]).has_value()) << info(param(i)).name;
  }
  EXPECT_NO_THROW(defaults.validate());
}

TEST(ParameterTable, NamesAreUniqueAndRoundTrip) {
  std::set<std::string_view> names;
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const ParameterInfo& row = info(param(i));
    EXPECT_TRUE(names.insert(row.name).second) << "duplicate name " << row.name;
    const auto found = find_parameter(row.name);
    ASSERT_TRUE(found.has_value()) << row.name;
    EXPECT_EQ(*found, param(i));
    EXPECT_EQ(nearest_parameter_name(row.name), row.name);
  }
  EXPECT_EQ(names.size(), kParameterCount);
  EXPECT_FALSE(find_parameter("primary.sensitivty").has_value());
  EXPECT_FALSE(find_parameter("").has_value());
  EXPECT_FALSE(find_parameter("primary.sensitivity ").has_value());
}

TEST(ParameterTable, RoleBlocksHaveTheSameRows) {
  // Each role's rows are the same 17 suffixes, in the same order.
  const char* roles[] = {"primary", "secondary", "daycare", "institution"};
  const auto first = static_cast<std::size_t>(Param::primary_sensitivity);
  for (std::size_t r = 0; r < 4; ++r)
    for (std::size_t k = 0; k < 17; ++k) {
      const std::string_view primary_name = info(param(first + k)).name;
      const std::string suffix(primary_name.substr(primary_name.find('.')));
      const auto p = find_parameter(std::string(roles[r]) + suffix);
      ASSERT_TRUE(p.has_value()) << roles[r] << suffix;
      EXPECT_EQ(static_cast<std::size_t>(*p), first + 17 * r + k) << roles[r] << suffix;
    }
}

TEST(Parameters, SetAcceptsTheRangeEnds) {
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const ParameterInfo& row = info(param(i));
    Parameters p;
    EXPECT_NO_THROW(p.set(param(i), row.min)) << row.name;
    EXPECT_EQ(p[param(i)], row.min);
    EXPECT_NO_THROW(p.set(param(i), row.max)) << row.name;
    EXPECT_EQ(p.get(param(i)), row.max);
  }
}

TEST(Parameters, SetRejectsValuesOutsideTheRangeWithTheNameAndWhatIsAllowed) {
  const double bad_kinds[] = {std::numeric_limits<double>::quiet_NaN(),
                              std::numeric_limits<double>::infinity(),
                              -std::numeric_limits<double>::infinity()};
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const ParameterInfo& row = info(param(i));
    const std::string name(row.name);
    SCOPED_TRACE(name);
    std::vector<double> bad(std::begin(bad_kinds), std::end(bad_kinds));
    bad.push_back(std::nextafter(row.min, -std::numeric_limits<double>::infinity()));
    bad.push_back(std::nextafter(row.max, std::numeric_limits<double>::infinity()));
    bad.push_back(row.min - 1);
    bad.push_back(row.max + 1);
    for (double v : bad) {
      Parameters p;
      const std::string message = error_of([&] { p.set(param(i), v); });
      EXPECT_TRUE(contains(message, name)) << message;
      EXPECT_TRUE(contains(message, "allowed")) << message;
      EXPECT_EQ(p, Parameters{}) << "a rejected value must leave the set unchanged";
      EXPECT_TRUE(check_value(param(i), v).has_value());
      // The same through the name.
      const std::string by_name = error_of([&] { p.set(row.name, v); });
      EXPECT_TRUE(contains(by_name, name) && contains(by_name, "allowed")) << by_name;
    }
  }
}

TEST(Parameters, RangeMessageStatesTheBounds) {
  Parameters p;
  const std::string message = error_of([&] { p.set("primary.sensitivity", 2.0); });
  EXPECT_TRUE(contains(message, "primary.sensitivity")) << message;
  EXPECT_TRUE(contains(message, "from 0 to 1")) << message;
}

TEST(Parameters, UnknownNameSuggestsTheNearestName) {
  Parameters p;
  const std::string message = error_of([&] { p.set("primary.sensitivty", 0.5); });
  EXPECT_TRUE(contains(message, "primary.sensitivty")) << message;
  EXPECT_TRUE(contains(message, "did you mean primary.sensitivity")) << message;
  EXPECT_EQ(nearest_parameter_name("primary.sensitivty"), "primary.sensitivity");
  EXPECT_EQ(nearest_parameter_name("institution.turnovr"), "institution.turnover");
  EXPECT_EQ(nearest_parameter_name("Infant.reactivity"), "infant.reactivity");
  EXPECT_EQ(p, Parameters{});
}

TEST(Parameters, IntegerRowsRejectFractions) {
  int integer_rows = 0;
  for (std::size_t i = 0; i < kParameterCount; ++i) {
    const ParameterInfo& row = info(param(i));
    if (!row.integer()) continue;
    ++integer_rows;
    Parameters p;
    const double fractional = row.min + 0.5;
    const std::string message = error_of([&] { p.set(param(i), fractional); });
    EXPECT_TRUE(contains(message, std::string(row.name))) << message;
    EXPECT_TRUE(contains(message, "whole number")) << message;
    EXPECT_NO_THROW(p.set(param(i), row.min + 1 <= row.max ? row.min + 1 : row.min));
  }
  EXPECT_EQ(integer_rows, 4) << "episodes_per_day, consistency_block, intervention.interval, layout";
  Parameters p;
  EXPECT_THROW(p.set("infant.episodes_per_day", 2.5), ParameterError);
  EXPECT_NO_THROW(p.set("infant.episodes_per_day", 2.0));
  EXPECT_THROW(p.set("community.layout", 0.5), ParameterError);
}

TEST(Parameters, ValidateRejectsStateOfMindSharesAboveOne) {
  for (const char* role : {"primary", "secondary", "daycare", "institution"}) {
    SCOPED_TRACE(role);
    Parameters p;
    const std::string r(role);
    p.set(r + ".dismissing", 0.5);
    p.set(r + ".preoccupied", 0.3);
    p.set(r + ".unresolved", 0.2);
    EXPECT_NO_THROW(p.validate()) << "a sum of exactly 1 is allowed";
    p.set(r + ".unresolved", 0.25);
    const std::string message = error_of([&] { p.validate(); });
    EXPECT_TRUE(contains(message, r + ".dismissing")) << message;
    EXPECT_TRUE(contains(message, "allowed")) << message;
  }
}

TEST(Parameters, EqualityFollowsValues) {
  Parameters a, b;
  EXPECT_EQ(a, b);
  b.set(Param::learning_rate, 0.02);
  EXPECT_NE(a, b);
  a.set("learning.rate", 0.02);
  EXPECT_EQ(a, b);
}

}  // namespace
}  // namespace attachsim
