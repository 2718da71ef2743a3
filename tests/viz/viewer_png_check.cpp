// Checks a viewer screenshot: not blank, the population drawn in its panel, text in the side
// panels. Usage: attachsim_viewer_png_check SHOT.png CASE   (CASE: inspector, charts, compare,
// bad_scenario)
#include <stb_image.h>

#include <cmath>
#include <cstdio>
#include <cstring>
#include <set>
#include <string>

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

// The strategy colours of colour_map.cpp: B, A, C, D, none.
constexpr unsigned char kStrategy[5][3] = {
    {77, 175, 74}, {55, 126, 210}, {255, 140, 20}, {228, 38, 48}, {150, 150, 150}};

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
        if (p[0] == kStrategy[k][0] && p[1] == kStrategy[k][1] && p[2] == kStrategy[k][2])
          ++counts[k];
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

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SHOT.png CASE\n", argv[0]);
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

  // Layout of viewer.cpp: left 25%, right 34%, the population above 66% of the height.
  const int left = im.w / 4, right = im.w - static_cast<int>(0.34 * im.w);
  const Rect population{left + 8, im.h / 10, right - 8, static_cast<int>(0.6 * im.h)};
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
  expect(total > population.area() / 4, "the population fills its panel");
  expect(present >= 3, "at least three strategies shown");

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
