// CRC-32C (Castagnoli) of byte ranges: the checksum that makes a damaged output part detectable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace attachsim {

// Continues a CRC-32C over `bytes` (start with crc = 0). Uses the CPU's crc32
// instruction (SSE4.2) when there is one and a table otherwise: the same value
// either way (tested). Detects accidental damage (truncation, torn or garbled
// writes), not deliberate tampering.
std::uint32_t crc32c(std::uint32_t crc, const void* bytes, std::size_t size);
inline std::uint32_t crc32c(std::uint32_t crc, std::string_view text) {
  return crc32c(crc, text.data(), text.size());
}
// The portable table-driven version (for the test that both agree).
std::uint32_t crc32c_portable(std::uint32_t crc, const void* bytes, std::size_t size);

}  // namespace attachsim
