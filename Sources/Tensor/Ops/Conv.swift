// 2-D convolution as im2col + sgemm over groups of images, with its pullback; and the naive
// seven-loop reference that the tests hold it to.
//
//   x [N,C,H,W], weight [O,C,KH,KW], bias [O] -> y [N,O,OH,OW]
//   OH = (H + 2 padding - KH) / stride + 1, likewise OW;  R = C*KH*KW, P = OH*OW
//   per group of G images:  cols [R, G*P] = im2col of each image, side by side
//                           Y [O, G*P] = weight [O, R] . cols         (one sgemm)
//                           y[n] [O, P] = image n's block of Y (+ bias)
//   backward:               per group, through the columns of x or of dy: ConvBackward.swift
//                           dbias += row sums of dy
//
// Why groups: one image's product is small (P = 49 columns at 7x7), and sgemm needs a few
// hundred columns to reach its throughput. Groups have at least `minColumns` columns, so the
// column buffer stays a few MB (cache-sized for the first stage) instead of growing with the
// batch. With several threads, each takes a contiguous share of the groups and runs their
// im2col, sgemm and scatter on its own core (OpenBLAS held to one thread meanwhile): one
// hand-off per convolution instead of one per product, and each group's columns are still
// in that core's cache when its sgemm reads them. The backward pass builds its columns
// again rather than keeping every group's columns alive. im2col and col2im work on a copy
// of each image with its zero border, so their inner loops are plain strided copies.

/// Columns per sgemm a convolution aims for when it groups images.
let minColumns = 1024

extension Tensor {
  /// Convolution of x [N,C,H,W] with weight [O,C,KH,KW] and optional bias [O].
  public func conv2d(_ weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    let x = self
    precondition(
      x.rank == 4 && weight.rank == 4 && x.shape[1] == weight.shape[1],
      "conv2d: input \(x.shape) must be [N,C,H,W] and weight \(weight.shape) [O,C,KH,KW] with equal C")
    let g = ConvGeometry(x.shape, weight.shape, stride: stride, padding: padding)
    precondition(g.oh > 0 && g.ow > 0, "conv2d: kernel \(weight.shape) does not fit input \(x.shape) with padding \(padding)")
    if let bias { precondition(bias.shape == [g.o], "conv2d: bias \(bias.shape) must be [\(g.o)]") }
    let (rows, cols, plane) = (g.rows, g.cols, g.c * g.h * g.w)
    let groups = ConvGroups(images: g.n, columnsPerImage: cols)
    noteGEMMs(groups.sizes.map { GEMMShape(m: g.o, n: $0 * cols, k: rows) })
    // The output is fully written (sgemm with beta 0 fills every product, the scatter every
    // output), so it is not zero-filled first.
    var y = uninitializedFloats(g.n * g.o * cols)
    x.data.withUnsafeBufferPointer { xv in
      y.withUnsafeMutableBufferPointer { yv in
        let (xp, yp) = (xv.baseAddress!, yv.baseAddress!)
        shareCallingBLAS(groups.count) { share in  // each thread: its groups, its scratch
          let col = scratch(rows * groups.largest * cols), prod = scratch(g.o * groups.largest * cols)
          let pad = scratch(g.paddedPlane, zeroed: true)  // only its border must be zero, and stays so
          defer { for buffer in [col, prod, pad] { buffer.deallocate() } }
          for group in share {
            let (n0, count) = (groups.first(group), groups.sizes[group]), width = count * cols
            g.im2col(images: xp + n0 * plane, count: count, into: col, padding: pad)
            gemm(prod, weight.data, col, m: g.o, n: width, k: rows)
            for j in 0..<count {
              for o in 0..<g.o {
                let (src, dst) = (prod + (o * width + j * cols), yp + ((n0 + j) * g.o + o) * cols)
                let b = bias?.data[o] ?? 0
                for p in 0..<cols { dst[p] = src[p] + b }
              }
            }
          }
        }
      }
    }
    countForward("conv2d", 2 * g.n * g.o * cols * rows + (bias == nil ? 0 : y.count))
    let inputs = [x, weight] + (bias.map { [$0] } ?? [])
    return Tensor(shape: [g.n, g.o, g.oh, g.ow], data: y, op: "conv2d", inputs: inputs) { out in
      guard let dy = out.grad else { return }
      countBackward("conv2d", 2 * g.n * g.o * cols * rows * ((x.requiresGrad ? 1 : 0) + (weight.requiresGrad ? 1 : 0)))
      if let bias, bias.requiresGrad {
        bias.accumulateGrad { db in
          for n in 0..<g.n {
            for o in 0..<g.o {
              var s: Float = 0
              let base = (n &* g.o &+ o) &* cols
              for p in 0..<cols { s += dy[base &+ p] }
              db[o] += s
            }
          }
        }
      }
      guard x.requiresGrad || weight.requiresGrad else { return }
      let pullback = convPullback(g, weight: weight.data, input: x.requiresGrad, weights: weight.requiresGrad)
      noteGEMMs(groups.sizes.flatMap { pullback.products(width: $0 * cols) })
      // Each group's weight gradient goes to its own slot, summed in group order afterwards,
      // so the result does not depend on how many threads shared the groups.
      let slot = pullback.slotSize
      var dwGroups = uninitializedFloats(weight.requiresGrad ? groups.count * slot : 0)
      withGradient(of: x, if: x.requiresGrad) { dx in
        x.data.withUnsafeBufferPointer { xv in
          dy.withUnsafeBufferPointer { gy in
            dwGroups.withUnsafeMutableBufferPointer { dwv in
              // An empty array's base address is not nil, so it cannot say "no weight gradient".
              let (xp, gyp, dwp) = (xv.baseAddress!, gy.baseAddress!, weight.requiresGrad ? dwv.baseAddress : nil)
              shareCallingBLAS(groups.count) { share in
                let work = pullback.scratch(width: groups.largest * cols)
                defer { work.deallocate() }
                for group in share {
                  let n0 = groups.first(group)
                  pullback.run(
                    count: groups.sizes[group], x: xp + n0 * plane, dy: gyp + n0 * g.o * cols,
                    dx: dx.map { $0 + n0 * plane }, dw: dwp.map { $0 + group * slot }, scratch: work)
                }
              }
            }
          }
        }
      }
      if weight.requiresGrad {
        weight.accumulateGrad(
          pullback.weightGradient(
            [Float](unsafeUninitializedCapacity: slot) { sum, initialized in
              for i in 0..<slot { sum[i] = dwGroups[i] }
              for group in 1..<groups.count {
                for i in 0..<slot { sum[i] += dwGroups[group * slot + i] }
              }
              initialized = slot
            }))
      }
    }
  }
}

/// Runs `body` with a pointer to `tensor`'s gradient (created zeroed if needed) when `needed`,
/// with nil otherwise.
private func withGradient(of tensor: Tensor, if needed: Bool, _ body: (UnsafeMutablePointer<Float>?) -> Void) {
  if needed { tensor.accumulateGrad { body($0.baseAddress!) } } else { body(nil) }
}

/// How a convolution's batch is cut into sgemm groups, and the groups shared among threads.
/// The cut depends only on the batch and image sizes, never on the thread count, so every
/// product (and the weight gradient's summation order) is the same on any number of threads.
struct ConvGroups {
  /// Images in each group, in batch order.
  let sizes: [Int]
  let largest: Int

  init(images n: Int, columnsPerImage cols: Int) {
    // At least `minColumns` columns per group, and (from four groups on) a group count that
    // is a multiple of four, so two or four threads get near-equal shares.
    var count = Swift.max(1, Swift.min(n, n * cols / minColumns))
    if count >= 4 { count -= count % 4 }
    let size = (n + count - 1) / count
    sizes = Swift.stride(from: 0, to: n, by: size).map { Swift.min(size, n - $0) }
    largest = size
  }

  var count: Int { sizes.count }
  /// The first image of `group` (every group but the last has `largest` images).
  func first(_ group: Int) -> Int { group * largest }
}

/// A scratch buffer of `count` floats (at least one), unspecified unless `zeroed`; the caller
/// deallocates it.
func scratch(_ count: Int, zeroed: Bool = false) -> UnsafeMutablePointer<Float> {
  let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Swift.max(1, count))
  if zeroed { buffer.initialize(repeating: 0, count: count) }
  return buffer
}

/// An array of `count` floats whose values are unspecified until written (no zero-fill pass).
func uninitializedFloats(_ count: Int) -> [Float] {
  [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}

/// Sizes of one convolution and its im2col/col2im index maps.
struct ConvGeometry {
  let n: Int, c: Int, h: Int, w: Int, o: Int, kh: Int, kw: Int, stride: Int, padding: Int
  let oh: Int, ow: Int
  /// Rows (C*KH*KW) and columns per image (OH*OW) of the im2col matrix.
  var rows: Int { c * kh * kw }
  var cols: Int { oh * ow }

  init(_ x: [Int], _ weight: [Int], stride: Int, padding: Int) {
    precondition(stride >= 1 && padding >= 0, "conv2d: stride \(stride) must be >= 1 and padding \(padding) >= 0")
    (n, c, h, w) = (x[0], x[1], x[2], x[3])
    (o, kh, kw) = (weight[0], weight[2], weight[3])
    (self.stride, self.padding) = (stride, padding)
    oh = (h + 2 * padding - kh) / stride + 1
    ow = (w + 2 * padding - kw) / stride + 1
  }

  /// The image's sides with the zero border added.
  var hp: Int { h + 2 * padding }
  var wp: Int { w + 2 * padding }
  /// Floats in one padded [C,HP,WP] image; 0 when there is no padding (the image is used as is).
  var paddedPlane: Int { padding == 0 ? 0 : c * hp * wp }

  /// `image` [C,H,W] with its zero border: copied into `buffer` [C,HP,WP], whose border the
  /// caller zeroed once (only the interior is written here), or `image` itself without
  /// padding. Working on the padded image takes every bounds test out of im2col and col2im.
  @inline(__always)
  func padded(_ image: UnsafePointer<Float>, into buffer: UnsafeMutablePointer<Float>) -> UnsafePointer<Float> {
    guard padding > 0 else { return image }
    for ch in 0..<c {
      for y in 0..<h {
        (buffer + ((ch &* hp &+ y &+ padding) &* wp &+ padding)).update(from: image + (ch &* h &+ y) &* w, count: w)
      }
    }
    return UnsafePointer(buffer)
  }

  /// The columns of `count` consecutive images [C,H,W] from `images`, side by side in `cols`
  /// (rows count * OH*OW wide), each image padded in `padding` first (see `padded`).
  @inline(__always)
  func im2col(images: UnsafePointer<Float>, count: Int, into cols: UnsafeMutablePointer<Float>, padding buffer: UnsafeMutablePointer<Float>) {
    let (plane, width) = (c * h * w, count * oh * ow)
    for j in 0..<count { im2col(padded(images + j * plane, into: buffer), cols + j * oh * ow, rowStride: width) }
  }

  /// cols[(c,i,j), (y,x)] = padded[c, y*stride + i, x*stride + j]: row (c,i,j) of the columns
  /// is the padded image's plane c seen through offset (i,j) and the stride. `cols` is
  /// [C*KH*KW, OH*OW] with rows `rowStride` apart (wider than OH*OW when images sit side by side).
  @inline(__always)
  func im2col(_ padded: UnsafePointer<Float>, _ cols: UnsafeMutablePointer<Float>, rowStride: Int) {
    var r = 0
    for ch in 0..<c {
      for i in 0..<kh {
        for j in 0..<kw {
          var src = padded + ((ch &* hp &+ i) &* wp &+ j)
          var dst = cols + r &* rowStride
          for _ in 0..<oh {
            if stride == 1 {
              for x in 0..<ow { dst[x] = src[x] }
            } else {
              for x in 0..<ow { dst[x] = src[x &* stride] }
            }
            src += stride &* wp
            dst += ow
          }
          r &+= 1
        }
      }
    }
  }

  /// The adjoint of im2col: adds each column entry back into the image position it came from.
  /// With padding, the entries are summed into `scratch` [C,HP,WP] first and its interior is
  /// then added into `image`, so the inner loops have no bounds tests.
  @inline(__always)
  func col2im(_ cols: UnsafePointer<Float>, rowStride: Int, _ image: UnsafeMutablePointer<Float>, scratch: UnsafeMutablePointer<Float>) {
    let target = padding > 0 ? scratch : image
    if padding > 0 { scratch.update(repeating: 0, count: paddedPlane) }
    var r = 0
    for ch in 0..<c {
      for i in 0..<kh {
        for j in 0..<kw {
          var dst = target + ((ch &* hp &+ i) &* wp &+ j)
          var src = cols + r &* rowStride
          for _ in 0..<oh {
            if stride == 1 {
              for x in 0..<ow { dst[x] += src[x] }
            } else {
              for x in 0..<ow { dst[x &* stride] += src[x] }
            }
            dst += stride &* wp
            src += ow
          }
          r &+= 1
        }
      }
    }
    guard padding > 0 else { return }
    for ch in 0..<c {
      for y in 0..<h {
        let (from, to) = (scratch + ((ch &* hp &+ y &+ padding) &* wp &+ padding), image + (ch &* h &+ y) &* w)
        for x in 0..<w { to[x] += from[x] }
      }
    }
  }
}

/// The textbook convolution with `conv2d`'s contract, on arrays; for tests only.
public func conv2dNaive(
  x: [Float], xShape: [Int], weight: [Float], weightShape: [Int], bias: [Float]?,
  stride: Int, padding: Int
) -> [Float] {
  let g = ConvGeometry(xShape, weightShape, stride: stride, padding: padding)
  var y = [Float](repeating: 0, count: g.n * g.o * g.oh * g.ow)
  for n in 0..<g.n {
    for o in 0..<g.o {
      for oy in 0..<g.oh {
        for ox in 0..<g.ow {
          var acc = bias?[o] ?? 0
          for c in 0..<g.c {
            for i in 0..<g.kh {
              for j in 0..<g.kw {
                let (iy, ix) = (oy * stride - padding + i, ox * stride - padding + j)
                guard iy >= 0 && iy < g.h && ix >= 0 && ix < g.w else { continue }
                acc += x[((n * g.c + c) * g.h + iy) * g.w + ix] * weight[((o * g.c + c) * g.kh + i) * g.kw + j]
              }
            }
          }
          y[((n * g.o + o) * g.oh + oy) * g.ow + ox] = acc
        }
      }
    }
  }
  return y
}
