// An allocator for the engine's big per-dyad arrays: blocks the kernel may back with 2 MB pages.
//
// 100,000 dyads are 25 MB, swept once a day. In 4 KB pages that is 6,100 page
// faults at start-up (taken one after another by the thread that fills the
// vector) and more pages than the TLB holds, so every day's sweep also walks
// page tables. Blocks of 2 MB and more are 2 MB-aligned and marked with
// madvise(MADV_HUGEPAGE), which transparent huge pages in "madvise" mode (the
// Debian default) honour; elsewhere the advice is ignored and nothing changes
// but the alignment. Smaller blocks come from operator new.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <limits>
#include <new>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace attachsim {

template <class T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr std::size_t kHugePage = std::size_t{2} << 20;

  HugePageAllocator() noexcept = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(std::size_t n) {
    if (n > std::numeric_limits<std::size_t>::max() / sizeof(T) - kHugePage)
      throw std::bad_array_new_length();
    const std::size_t bytes = n * sizeof(T);
    if (bytes < kHugePage) return static_cast<T*>(::operator new(bytes));
    const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (p == nullptr) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);  // advice only: failure leaves 4 KB pages
#endif
    return static_cast<T*>(p);
  }

  void deallocate(T* p, std::size_t n) noexcept {
    if (n * sizeof(T) < kHugePage)
      ::operator delete(p);
    else
      std::free(p);
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

}  // namespace attachsim
