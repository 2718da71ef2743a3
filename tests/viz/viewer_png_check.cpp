// Checks a viewer screenshot: not blank, the population drawn in its panel, text in the side
// panels; with CASE cvd, that the class colours on screen stay apart under simulated
// protanopia, deuteranopia and tritanopia. Usage:
//   attachsim_viewer_png_check SHOT.png CASE [OUTDIR]
// (CASE: inspector, charts, compare, bad_scenario, scenario, arranged, cvd, room, room_projector,
// info, info_model; OUTDIR: cvd writes the screenshot as each deficiency sees it there, e.g. for
// docs/figures). The room and info cases float a window over the population: they check that
// window instead.
#include <stb_image.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>
#include <vector>

#include "attachsim/viz/chart_export.hpp"
#include "attachsim/viz/colour_map.hpp"
#include "attachsim/viz/colour_vision.hpp"

namespace {

struct Image {
  int w = 0, h = 0;
  unsigned char* px = nullptr;
  const unsigned char* at(int x, int y) const { return px + 4 * (static_cast<long>(y) * w + x); }
};

struct Rect {
  int x0, y0, x1, y1;
  long area() const { return static_cast<long>(x1 - x0) * (y1 - y0); }
};

using attachsim::Strategy;
namespace viz = attachsim::viz;

// The strategy colours of the viewer's palette (colour_map.cpp): B, A, C, D, none.
const viz::Rgba kStrategy[5] = {
    viz::strategy_colour(Strategy::Open), viz::strategy_colour(Strategy::Minimising),
    viz::strategy_colour(Strategy::Maximising), viz::strategy_colour(Strategy::Conflict),
    viz::strategy_colour(Strategy::None)};
constexpr const char* kStrategyLetter[5] = {"B", "A", "C", "D", "none"};

int failures = 0;

void expect(bool ok, const std::string& what) {
  std::printf("%s: %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

// Pixels of each strategy colour in a region.
void strategy_counts(const Image& im, Rect r, long counts[5]) {
  for (int k = 0; k < 5; ++k) counts[k] = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const unsigned char* p = im.at(x, y);
      for (int k = 0; k < 5; ++k)
        if (p[0] == kStrategy[k].r && p[1] == kStrategy[k].g && p[2] == kStrategy[k].b) ++counts[k];
    }
}

// Light pixels: text and lines on the dark panels.
long light_pixels(const Image& im, Rect r) {
  long n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const unsigned char* p = im.at(x, y);
      if (p[0] > 150 && p[1] > 150 && p[2] > 150) ++n;
    }
  return n;
}

// The screenshot as a viewer with `d` sees it: the class colours found on screen (the
// population's texels, the legend's and monitors' shapes) must stay kMinClassDeltaE apart.
void check_colour_vision(const Image& im, Rect population, const char* outdir) {
  long counts[5];
  strategy_counts(im, population, counts);
  std::vector<viz::Rgba> shown;
  std::vector<int> which;
  for (int k = 0; k < 5; ++k)
    if (counts[k] > 20) {
      shown.push_back(kStrategy[k]);
      which.push_back(k);
    }
  expect(shown.size() >= 4, "at least four classes on screen for the colour-vision check");
  for (viz::Deficiency d : viz::kDeficiencies) {
    // Simulate the whole screenshot and read the class pixels back from the simulated image.
    std::vector<unsigned char> sim(static_cast<std::size_t>(im.w) * im.h * 4);
    for (long i = 0; i < static_cast<long>(im.w) * im.h; ++i) {
      const unsigned char* p = im.px + 4 * i;
      const viz::Rgba out = viz::simulate({p[0], p[1], p[2], 255}, d);
      sim[static_cast<std::size_t>(4 * i)] = out.r;
      sim[static_cast<std::size_t>(4 * i + 1)] = out.g;
      sim[static_cast<std::size_t>(4 * i + 2)] = out.b;
      sim[static_cast<std::size_t>(4 * i + 3)] = 255;
    }
    std::vector<viz::Rgba> seen;
    for (std::size_t j = 0; j < shown.size(); ++j) {
      // The first pixel of this class in the population, as simulated.
      bool found = false;
      for (int y = population.y0; y < population.y1 && !found; ++y)
        for (int x = population.x0; x < population.x1 && !found; ++x) {
          const unsigned char* p = im.at(x, y);
          if (p[0] == shown[j].r && p[1] == shown[j].g && p[2] == shown[j].b) {
            const unsigned char* q = sim.data() + 4 * (static_cast<long>(y) * im.w + x);
            seen.push_back({q[0], q[1], q[2], 255});
            found = true;
          }
        }
    }
    double closest = 1e9;
    std::string pair;
    for (std::size_t a = 0; a < seen.size(); ++a)
      for (std::size_t b = a + 1; b < seen.size(); ++b) {
        const double e = viz::ciede2000(seen[a], seen[b]);
        if (e < closest) {
          closest = e;
          pair = std::string(kStrategyLetter[which[a]]) + "-" + kStrategyLetter[which[b]];
        }
      }
    char line[160];
    std::snprintf(line, sizeof line, "%s: smallest CIEDE2000 between classes %.1f (%s) >= %.0f",
                  std::string(viz::deficiency_name(d)).c_str(), closest, pair.c_str(),
                  viz::kMinClassDeltaE);
    expect(closest >= viz::kMinClassDeltaE, line);
    if (outdir && d != viz::Deficiency::None) {
      const std::string path =
          std::string(outdir) + "/viewer-" + std::string(viz::deficiency_name(d)) + ".png";
      viz::write_png(path, static_cast<unsigned>(im.w), static_cast<unsigned>(im.h), sim.data());
      std::printf("wrote %s\n", path.c_str());
    }
  }
}

// Pixels within `tolerance` of a colour in a region.
long colour_pixels(const Image& im, Rect r, unsigned char cr, unsigned char cg, unsigned char cb,
                   int tolerance = 0) {
  long n = 0;
  for (int y = r.y0; y < r.y1; ++y)
    for (int x = r.x0; x < r.x1; ++x) {
      const unsigned char* p = im.at(x, y);
      if (std::abs(p[0] - cr) <= tolerance && std::abs(p[1] - cg) <= tolerance &&
          std::abs(p[2] - cb) <= tolerance)
        ++n;
    }
  return n;
}

// The Strange Situation room (ssp_room.cpp: floor, caregiver, infant) or the "How the model
// works" page (a page of text with its blue title) in the middle of the window.
void check_overlay(const Image& im, const std::string& which) {
  const Rect whole{0, 0, im.w, im.h};
  const long area = whole.area();
  if (which.starts_with("room")) {
    const long floor = colour_pixels(im, whole, 44, 42, 38);
    const long caregiver = colour_pixels(im, whole, 0, 114, 178);
    const long infant = colour_pixels(im, whole, 235, 235, 235);
    std::printf("room: floor %ld, caregiver %ld, infant %ld pixels (of %ld)\n", floor, caregiver,
                infant, area);
    expect(floor > area / 25, "the room's floor is drawn (over 4% of the window)");
    // At reunion the caregiver is in the room (her circle and the closeness bar).
    expect(caregiver > area / 2000, "the caregiver is drawn");
    expect(infant > area / 8000, "the infant is drawn");
    expect(light_pixels(im, whole) > 3000, "labels, episode list and scores as text");
  } else {
    const Rect middle{im.w / 8, im.h / 8, im.w - im.w / 8, im.h - im.h / 8};
    const long text = light_pixels(im, middle);
    const long title = colour_pixels(im, middle, 178, 217, 255, 12);
    std::printf("info: light pixels %ld, title-blue pixels %ld\n", text, title);
    expect(text > 6000, "a page of text");
    expect(title > 150, "the page's title (the scenario's or the section's name)");
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 4) {
    std::fprintf(stderr, "usage: %s SHOT.png CASE [OUTDIR]\n", argv[0]);
    return 2;
  }
  Image im;
  int channels = 0;
  im.px = stbi_load(argv[1], &im.w, &im.h, &channels, 4);
  if (!im.px) {
    std::fprintf(stderr, "%s: cannot read the PNG\n", argv[1]);
    return 1;
  }
  const std::string which = argv[2];
  std::printf("%s: %d x %d\n", argv[1], im.w, im.h);
  expect(im.w >= 640 && im.h >= 480, "the window's size");

  // Not blank: many colours and real contrast.
  std::set<unsigned> colours;
  double sum = 0, sum2 = 0;
  long n = 0;
  for (int y = 0; y < im.h; y += 3)
    for (int x = 0; x < im.w; x += 3) {
      const unsigned char* p = im.at(x, y);
      colours.insert(static_cast<unsigned>(p[0]) << 16 | static_cast<unsigned>(p[1]) << 8 | p[2]);
      const double l = 0.2126 * p[0] + 0.7152 * p[1] + 0.0722 * p[2];
      sum += l;
      sum2 += l * l;
      ++n;
    }
  const double mean = sum / static_cast<double>(n);
  const double sd = std::sqrt(sum2 / static_cast<double>(n) - mean * mean);
  std::printf("distinct colours %zu, luma sd %.1f\n", colours.size(), sd);
  expect(colours.size() > 100, "not blank: more than 100 colours");
  expect(sd > 15, "not blank: contrast");

  // Layout of ui_scale.cpp: left 25%, right 34%, the population under the monitor strip and
  // above 2/3 of the height.
  const int left = im.w / 4, right = im.w - static_cast<int>(0.34 * im.w);
  const Rect population{left + 8, im.h / 5, right - 8, static_cast<int>(0.6 * im.h)};
  long counts[5];
  strategy_counts(im, population, counts);
  long total = 0;
  int present = 0;
  for (int k = 0; k < 5; ++k) {
    total += counts[k];
    if (counts[k] > population.area() / 200) ++present;
  }
  std::printf(
      "population: %ld of %ld pixels in strategy colours; B %ld A %ld C %ld D %ld none %ld\n",
      total, population.area(), counts[0], counts[1], counts[2], counts[3], counts[4]);
  const bool overlay = which.starts_with("room") || which.starts_with("info");
  if (overlay) {
    check_overlay(im, which);
    stbi_image_free(im.px);
    return failures == 0 ? 0 : 1;
  }
  expect(total > population.area() / 4, "the population fills its panel");
  // Arranged by strategy, C and D sit below this region (checked in their own place below).
  if (which != "arranged") expect(present >= 3, "at least three strategies shown");

  const Rect left_panel{0, 30, left, im.h - 30}, right_panel{right, 30, im.w, im.h - 30};
  const long left_light = light_pixels(im, left_panel), right_light = light_pixels(im, right_panel);
  std::printf("light pixels: left %ld, right %ld\n", left_light, right_light);
  expect(left_light > 800, "controls and parameters drawn on the left");
  expect(right_light > 800, "the analysis panel drawn on the right");

  long right_counts[5];
  strategy_counts(im, right_panel, right_counts);
  const long right_total =
      right_counts[0] + right_counts[1] + right_counts[2] + right_counts[3] + right_counts[4];
  if (which == "charts") expect(right_total > 500, "chart lines and markers in strategy colours");
  if (which == "compare")
    expect(right_total > right_panel.area() / 20, "both arms of the what-if drawn side by side");
  if (which == "inspector") expect(right_light > 4000, "the inspector's tables");
  if (which == "arranged") {
    // --arrange strategy: B, A, C, D in blocks from the top, so their mean rows rise in order.
    double mean_row[4] = {0, 0, 0, 0};
    long count[4] = {0, 0, 0, 0};
    // Below the legend and the caption, above the lesson: the grid itself.
    for (int y = static_cast<int>(0.3 * im.h); y < static_cast<int>(0.7 * im.h); ++y)
      for (int x = population.x0; x < population.x1; ++x) {
        const unsigned char* p = im.at(x, y);
        for (int k = 0; k < 4; ++k)
          if (p[0] == kStrategy[k].r && p[1] == kStrategy[k].g && p[2] == kStrategy[k].b) {
            mean_row[k] += y;
            ++count[k];
          }
      }
    for (int k = 0; k < 4; ++k) mean_row[k] /= static_cast<double>(std::max(1L, count[k]));
    std::printf("mean row of B %.0f, A %.0f, C %.0f, D %.0f\n", mean_row[0], mean_row[1],
                mean_row[2], mean_row[3]);
    expect(count[0] > 0 && count[1] > 0 && count[2] > 0 && count[3] > 0 &&
               mean_row[0] < mean_row[1] && mean_row[1] < mean_row[2] && mean_row[2] < mean_row[3],
           "the population grouped by strategy, B at the top, then A, C, D");
  }
  if (which == "cvd") check_colour_vision(im, population, argc == 4 ? argv[3] : nullptr);
  if (which == "bad_scenario") {
    // The error is shown in red in the status bar along the bottom.
    long red = 0;
    for (int y = im.h - 24; y < im.h; ++y)
      for (int x = 0; x < im.w; ++x) {
        const unsigned char* p = im.at(x, y);
        if (p[0] > 180 && p[1] < 140 && p[2] < 130) ++red;
      }
    std::printf("red status pixels %ld\n", red);
    expect(red > 40, "the scenario error is shown");
  }
  stbi_image_free(im.px);
  return failures == 0 ? 0 : 1;
}
