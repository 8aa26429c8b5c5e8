// Writes reference values for vigil.quant.FixedPoint from gemmlowp's own fixedpoint.h (Debian
// libgemmlowp-dev) and TFLite's QuantizeMultiplier / MultiplyByQuantizedMultiplier (the reference
// kernels' composition of the gemmlowp primitives, restated here). Build and run (see README.md):
//   g++ -O1 -fwrapv -I<gemmlowp include dir> fixedpoint_reference.cc -o /tmp/fpref && /tmp/fpref > reference.txt
// -fwrapv: the reference's x * (1 << left_shift) wraps on overflow, as Java's int multiply does.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <random>
#include <vector>

#include "gemmlowp/fixedpoint/fixedpoint.h"

static void QuantizeMultiplier(double m, int32_t* qm, int* shift) {
  if (m == 0.) { *qm = 0; *shift = 0; return; }
  const double q = std::frexp(m, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * (1ll << 31)));
  if (q_fixed == (1ll << 31)) { q_fixed /= 2; ++*shift; }
  if (*shift < -31) { *shift = 0; q_fixed = 0; }
  *qm = static_cast<int32_t>(q_fixed);
}

static int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t qm, int shift) {
  int left_shift = shift > 0 ? shift : 0;
  int right_shift = shift > 0 ? 0 : -shift;
  return gemmlowp::RoundingDivideByPOT(
      gemmlowp::SaturatingRoundingDoublingHighMul(x * (1 << left_shift), qm), right_shift);
}

int main() {
  const int32_t kMin = std::numeric_limits<int32_t>::min(), kMax = std::numeric_limits<int32_t>::max();
  std::vector<int32_t> xs = {0, 1, -1, 2, -2, 3, -3, 5, -5, 6, -6, 7, -7, 127, -128, 255, -255, 1 << 15,
                             -(1 << 15), (1 << 30), -(1 << 30), kMax, kMin, kMax - 1, kMin + 1,
                             0x55555555, -0x55555555, 123456789, -123456789};
  std::mt19937 rng(9);
  for (int i = 0; i < 10; ++i) xs.push_back(static_cast<int32_t>(rng()));
  // srdhm a b result
  for (int32_t a : xs)
    for (int32_t b : xs) std::printf("srdhm %d %d %d\n", a, b, gemmlowp::SaturatingRoundingDoublingHighMul(a, b));
  // rdpot x exponent result
  for (int32_t x : xs)
    for (int e = 0; e <= 31; ++e) std::printf("rdpot %d %d %d\n", x, e, gemmlowp::RoundingDivideByPOT(x, e));
  // qm multiplier(hex double bits) m0 shift
  std::vector<double> ms = {0.0, 1.0, 0.5, 0.25, 0.75, 2.0, 3.0, 1.0 - std::ldexp(1.0, -40), 0.1, 0.003921568627,
                            1e-3, 1e-5, 1e-9, std::ldexp(1.0, -31), std::ldexp(1.0, -32), std::ldexp(1.0, -33),
                            std::ldexp(0.75, -32), 1.5e-10, 123.456, 0.0001234, 0.999999999999};
  for (int i = 0; i < 16; ++i) ms.push_back(std::ldexp(std::uniform_real_distribution<double>(0.5, 1.0)(rng),
                                                       static_cast<int>(rng() % 40) - 33));
  std::vector<std::pair<int32_t, int>> mults;
  for (double m : ms) {
    int32_t qm; int shift;
    QuantizeMultiplier(m, &qm, &shift);
    std::printf("qm %a %d %d\n", m, qm, shift);
    if (shift <= 0 && shift >= -31) mults.push_back({qm, shift});
  }
  // mbqm x m0 shift result (right shifts 0..31 and a few left shifts)
  for (int s = 1; s <= 4; ++s) mults.push_back({1 << 30, s});
  for (int s = 0; s <= 31; ++s) mults.push_back({1518500250, -s});
  for (auto [qm, shift] : mults)
    for (int32_t x : xs) std::printf("mbqm %d %d %d %d\n", x, qm, shift, MultiplyByQuantizedMultiplier(x, qm, shift));
  return 0;
}
