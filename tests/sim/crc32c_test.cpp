// Tests of the CRC-32C checksum (crc32c.cpp): the standard check value, hardware = table,
// continuation.
#include "attachsim/crc32c.hpp"

#include <gtest/gtest.h>

#include <string>

namespace attachsim {
namespace {

TEST(Crc32c, StandardCheckValue) {
  // The check value of CRC-32C (Castagnoli) for "123456789" (RFC 3720, B.4).
  EXPECT_EQ(crc32c(0, std::string_view("123456789")), 0xE3069283u);
  EXPECT_EQ(crc32c_portable(0, "123456789", 9), 0xE3069283u);
  EXPECT_EQ(crc32c(0, std::string_view()), 0u);
}

TEST(Crc32c, HardwareAndTableAgreeOnEveryLengthAndAlignment) {
  std::string text;
  for (int i = 0; i < 300; ++i) text += static_cast<char>((i * 37 + 11) & 0xFF);
  for (std::size_t start = 0; start < 9; ++start)
    for (std::size_t n = 0; n + start <= text.size(); n += 7)
      ASSERT_EQ(crc32c(0, text.data() + start, n), crc32c_portable(0, text.data() + start, n))
          << start << " " << n;
}

TEST(Crc32c, ContinuesAcrossPieces) {
  const std::string text = "run_id,arm,step\n0,baseline,0\n1,variant,7\n";
  std::uint32_t crc = 0;
  for (std::size_t i = 0; i < text.size(); i += 5)
    crc = crc32c(crc, std::string_view(text).substr(i, 5));
  EXPECT_EQ(crc, crc32c(0, text));
}

TEST(Crc32c, OneFlippedBitChangesIt) {
  std::string text(1000, 'x');
  const std::uint32_t before = crc32c(0, text);
  text[500] ^= 0x04;
  EXPECT_NE(crc32c(0, text), before);
}

}  // namespace
}  // namespace attachsim
