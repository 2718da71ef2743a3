// Arrangements of the population view: orderings and small-multiple blocks.
#include "attachsim/viz/arrangement.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace attachsim::viz {

namespace {

// Strategy order of the legend: B, A, C, D, none yet.
int strategy_rank(Strategy s) {
  switch (s) {
    case Strategy::Open:
      return 0;
    case Strategy::Minimising:
      return 1;
    case Strategy::Maximising:
      return 2;
    case Strategy::Conflict:
      return 3;
    case Strategy::None:
      break;
  }
  return 4;
}

// Lower sensitivity first; dyads without a caregiver (NaN) last; then by id.
bool less_sensitive(const DyadCells& c, std::uint32_t a, std::uint32_t b) {
  const float x = c.sensitivity[a], y = c.sensitivity[b];
  const bool xn = std::isnan(x), yn = std::isnan(y);
  if (xn != yn) return yn;
  if (!xn && x != y) return x < y;
  return a < b;
}

std::uint32_t side_for(std::uint32_t n) {
  return std::max<std::uint32_t>(1, static_cast<std::uint32_t>(std::ceil(std::sqrt(n))));
}

// Places `order` row by row into a block at (x, y) of `width` cells.
void place(ArrangedCells& out, const std::vector<std::uint32_t>& order, std::uint32_t x,
           std::uint32_t y, std::uint32_t width) {
  for (std::size_t k = 0; k < order.size(); ++k) {
    const auto col = static_cast<std::uint32_t>(k % width);
    const auto row = static_cast<std::uint32_t>(k / width);
    const std::uint32_t p = (y + row) * out.width + x + col;
    out.position[order[k]] = p;
    out.dyad_at[p] = order[k];
  }
}

}  // namespace

const char* arrangement_name(Arrangement a) {
  switch (a) {
    case Arrangement::Grid:
      return "Grid";
    case Arrangement::Sensitivity:
      return "By sensitivity";
    case Arrangement::Strategy:
      return "By strategy";
    case Arrangement::Subgroup:
      return "By subgroup";
  }
  return "?";
}

const char* arrangement_caption(Arrangement a) {
  switch (a) {
    case Arrangement::Grid:
      return "Each cell a dyad, in id order: with community.layout = 1 neighbours on screen share "
             "support and stress.";
    case Arrangement::Sensitivity:
      return "Rows: the primary caregiver's sensitivity, lowest at the top, highest at the "
             "bottom (no caregiver: last).";
    case Arrangement::Strategy:
      return "Grouped B, A, C, D, none yet; within each group by caregiver sensitivity, lowest "
             "first.";
    case Arrangement::Subgroup:
      return "Small multiples: one square per subgroup (area = its dyads), each by caregiver "
             "sensitivity, lowest at the top.";
  }
  return "";
}

ArrangedCells arrange(const DyadCells& cells, Arrangement a) {
  ArrangedCells out;
  out.arrangement = a;
  const std::uint32_t n = cells.count;
  std::vector<std::uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  const auto sensitivity_order = [&](std::vector<std::uint32_t>& ids) {
    std::sort(ids.begin(), ids.end(),
              [&](std::uint32_t x, std::uint32_t y) { return less_sensitive(cells, x, y); });
  };

  if (a == Arrangement::Subgroup) {
    // Group the dyads, keep the non-empty groups in index order.
    std::vector<std::vector<std::uint32_t>> groups;
    for (std::uint32_t id = 0; id < n; ++id) {
      const std::size_t g = id < cells.subgroup.size() ? cells.subgroup[id] : 0;
      if (groups.size() <= g) groups.resize(g + 1);
      groups[g].push_back(id);
    }
    std::vector<std::size_t> present;
    for (std::size_t g = 0; g < groups.size(); ++g)
      if (!groups[g].empty()) present.push_back(g);
    const auto columns = static_cast<std::size_t>(
        std::max(1.0, std::ceil(std::sqrt(static_cast<double>(present.size())))));
    std::uint32_t largest = 1;
    for (std::size_t g : present)
      largest = std::max(largest, side_for(static_cast<std::uint32_t>(groups[g].size())));
    const std::uint32_t gap = std::max<std::uint32_t>(1, largest / 12);
    // First pass: block positions; rows as tall as their tallest block.
    std::uint32_t x = 0, y = 0, row_h = 0, width = 0;
    for (std::size_t i = 0; i < present.size(); ++i) {
      if (i > 0 && i % columns == 0) {
        x = 0;
        y += row_h + gap;
        row_h = 0;
      }
      const std::size_t g = present[i];
      const std::uint32_t side = side_for(static_cast<std::uint32_t>(groups[g].size()));
      const auto rows = static_cast<std::uint32_t>((groups[g].size() + side - 1) / side);
      ArrangementBlock b;
      b.label = g < cells.subgroup_names.size() ? cells.subgroup_names[g]
                                                : "subgroup " + std::to_string(g);
      b.x = x;
      b.y = y;
      b.width = side;
      b.height = std::max<std::uint32_t>(1, rows);
      b.count = static_cast<std::uint32_t>(groups[g].size());
      out.blocks.push_back(b);
      x += side + gap;
      width = std::max(width, x - gap);
      row_h = std::max(row_h, b.height);
    }
    out.width = std::max<std::uint32_t>(1, width);
    out.height = std::max<std::uint32_t>(1, y + row_h);
    out.position.assign(n, 0);
    out.dyad_at.assign(static_cast<std::size_t>(out.width) * out.height, kNoDyad);
    for (std::size_t i = 0; i < present.size(); ++i) {
      std::vector<std::uint32_t>& ids = groups[present[i]];
      sensitivity_order(ids);
      place(out, ids, out.blocks[i].x, out.blocks[i].y, out.blocks[i].width);
    }
    return out;
  }

  if (a == Arrangement::Sensitivity) sensitivity_order(order);
  if (a == Arrangement::Strategy)
    std::sort(order.begin(), order.end(), [&](std::uint32_t x, std::uint32_t y) {
      const int rx = strategy_rank(cells.strategy[x]), ry = strategy_rank(cells.strategy[y]);
      if (rx != ry) return rx < ry;
      return less_sensitive(cells, x, y);
    });
  // The grid's shape is the engine's community grid for every single-block arrangement.
  const GridLayout layout = grid_layout(n);
  out.width = layout.width;
  out.height = layout.height;
  out.position.assign(n, 0);
  out.dyad_at.assign(static_cast<std::size_t>(out.width) * out.height, kNoDyad);
  place(out, order, 0, 0, out.width);
  out.blocks.push_back({"", 0, 0, out.width, out.height, n});
  return out;
}

}  // namespace attachsim::viz
