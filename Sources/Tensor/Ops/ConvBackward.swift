// conv2d's pullback, one group of images at a time, in one of two ways (Conv.swift runs the
// groups, shares them among threads and sums the groups' weight gradients in order).
//
//   through the columns of x (any convolution):
//     dY = the group's blocks of dy side by side [O, G*P]
//     dweight += dY . colsT              cols = im2col of x, again (not kept from forward)
//     dcols = weightT . dY               dx[n] += col2im(image n's block of dcols)
//
//   through the columns of dy (stride 1, "same" padding: odd square K, padding (K-1)/2):
//     dx = dy convolved with the weight turned half a circle (flipped in both axes, channel
//     axes swapped: turned [C,O,K,K]) at the same padding, so
//     dcols = im2col of dy [O*K*K, G*P]
//     dX = turned [C, O*K*K] . dcols     dx[n] += image n's block of dX
//     dW' = dcols . XT [O*K*K, C]        X = the group's images side by side [C, G*P]
//     dweight[o,c,i,j] = dW'[(o, K-1-i, K-1-j), c]
//   Why: weightT . dY has inner size O (16 in the benchmark CNN's first stage), a poor shape
//   for sgemm, and a product of C*K*K rows that OpenBLAS zeroes first and col2im scatters;
//   here the products' inner sizes are O*K*K and G*P, the scatter is C rows, and one im2col
//   (of dy) serves both gradients, where the other way needs an im2col of x and a col2im.
//   Same FLOPs. Both weight-gradient forms sum dy[q] x[p] over the pairs of positions with
//   p = q + (i, j) - padding that lie inside both images.

/// The pullback of one convolution, a group of images at a time.
protocol ConvPullback {
  /// Floats in one group's weight-gradient slot (the layout `weightGradient` reads).
  var slotSize: Int { get }
  /// The products one group of `width` columns runs.
  func products(width: Int) -> [GEMMShape]
  /// Scratch for groups of up to `width` columns; one per thread.
  func scratch(width: Int) -> ConvScratch
  /// Adds the gradients of `count` consecutive images: into `dx` (their input gradient) if
  /// given, and their weight gradient into the slot `dw` if given (overwritten).
  func run(
    count: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
    dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?, scratch: ConvScratch)
  /// dweight [O,C,KH,KW] from the sum of the groups' slots.
  func weightGradient(_ slotSum: [Float]) -> [Float]
}

/// Work buffers of a pullback: two column matrices, a product, and two padded images whose
/// borders start zeroed (their other contents are unspecified).
struct ConvScratch {
  let columns: UnsafeMutablePointer<Float>, moreColumns: UnsafeMutablePointer<Float>
  let product: UnsafeMutablePointer<Float>
  let padded: UnsafeMutablePointer<Float>, morePadded: UnsafeMutablePointer<Float>

  init(columns: Int, moreColumns: Int = 0, product: Int, padded: Int, morePadded: Int = 0) {
    self.columns = scratch(columns)
    self.moreColumns = scratch(moreColumns)
    self.product = scratch(product)
    self.padded = scratch(padded, zeroed: true)
    self.morePadded = scratch(morePadded, zeroed: true)
  }

  func deallocate() { for buffer in [columns, moreColumns, product, padded, morePadded] { buffer.deallocate() } }
}

/// The pullback that suits `g`: through dy's columns when the shape allows and the input
/// gradient is wanted (so dy's columns are built anyway), else through x's columns.
func convPullback(_ g: ConvGeometry, weight: [Float], input: Bool, weights: Bool) -> any ConvPullback {
  if input, let turned = TurnedPullback(g, weight: weight, weights: weights) { return turned }
  return ColumnsPullback(g: g, weight: weight, input: input, weights: weights)
}

/// Through the columns of x, for any convolution (see the file header).
struct ColumnsPullback: ConvPullback {
  let g: ConvGeometry, weight: [Float], input: Bool, weights: Bool

  var slotSize: Int { g.o * g.rows }

  func products(width: Int) -> [GEMMShape] {
    (weights ? [GEMMShape(m: g.o, n: g.rows, k: width, transB: true)] : [])
      + (input ? [GEMMShape(m: g.rows, n: width, k: g.o, transA: true)] : [])
  }

  func scratch(width: Int) -> ConvScratch {
    // columns, padded: x's; product: dY; moreColumns, morePadded: dcols and col2im's sums.
    ConvScratch(
      columns: weights ? g.rows * width : 0, moreColumns: input ? g.rows * width : 0, product: g.o * width,
      padded: weights ? g.paddedPlane : 0, morePadded: input ? g.paddedPlane : 0)
  }

  func run(
    count: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
    dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?, scratch s: ConvScratch
  ) {
    let (cols, plane) = (g.cols, g.c * g.h * g.w), width = count * g.cols
    for j in 0..<count {
      for o in 0..<g.o { (s.product + (o * width + j * cols)).update(from: dy + (j * g.o + o) * cols, count: cols) }
    }
    if let dw {
      g.im2col(images: x, count: count, into: s.columns, padding: s.padded)
      gemm(dw, s.product, s.columns, m: g.o, n: g.rows, k: width, transB: true)
    }
    if let dx {
      gemm(s.moreColumns, weight, s.product, m: g.rows, n: width, k: g.o, transA: true)
      for j in 0..<count { g.col2im(s.moreColumns + j * cols, rowStride: width, dx + j * plane, scratch: s.morePadded) }
    }
  }

  func weightGradient(_ slotSum: [Float]) -> [Float] { slotSum }
}

/// Through the columns of dy, for stride-1 "same" convolutions (see the file header).
struct TurnedPullback: ConvPullback {
  let g: ConvGeometry
  /// dy [N,O,OH,OW] through the turned weight [C,O,K,K]; its output is [N,C,H,W].
  let turned: ConvGeometry
  /// The turned weight, [C, O*K*K].
  let turnedWeight: [Float]
  let weights: Bool

  init?(_ g: ConvGeometry, weight w: [Float], weights: Bool) {
    guard g.stride == 1 && g.kh == g.kw && g.kh % 2 == 1 && 2 * g.padding == g.kh - 1 else { return nil }
    self.g = g
    self.weights = weights
    turned = ConvGeometry([g.n, g.o, g.oh, g.ow], [g.c, g.o, g.kh, g.kw], stride: 1, padding: g.padding)
    let k = g.kh
    var t = uninitializedFloats(w.count)
    for o in 0..<g.o {
      for c in 0..<g.c {
        for i in 0..<k {
          for j in 0..<k { t[((c * g.o + o) * k + i) * k + j] = w[((o * g.c + c) * k + (k - 1 - i)) * k + (k - 1 - j)] }
        }
      }
    }
    turnedWeight = t
  }

  var slotSize: Int { turned.rows * g.c }

  func products(width: Int) -> [GEMMShape] {
    (weights ? [GEMMShape(m: turned.rows, n: g.c, k: width, transB: true)] : [])
      + [GEMMShape(m: g.c, n: width, k: turned.rows)]
  }

  func scratch(width: Int) -> ConvScratch {
    // columns: dy's, product: dX, moreColumns: X; padded: dy's padded image.
    ConvScratch(columns: turned.rows * width, moreColumns: weights ? g.c * width : 0, product: g.c * width, padded: turned.paddedPlane)
  }

  func run(
    count: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
    dx: UnsafeMutablePointer<Float>?, dw: UnsafeMutablePointer<Float>?, scratch s: ConvScratch
  ) {
    let cols = g.cols, width = count * cols  // P = H*W: "same" padding keeps the size
    turned.im2col(images: dy, count: count, into: s.columns, padding: s.padded)
    if let dw {
      for j in 0..<count {
        for c in 0..<g.c { (s.moreColumns + (c * width + j * cols)).update(from: x + (j * g.c + c) * cols, count: cols) }
      }
      gemm(dw, s.columns, s.moreColumns, m: turned.rows, n: g.c, k: width, transB: true)
    }
    if let dx {
      gemm(s.product, turnedWeight, s.columns, m: g.c, n: width, k: turned.rows)
      for j in 0..<count {
        for c in 0..<g.c {
          let (src, dst) = (s.product + (c * width + j * cols), dx + (j * g.c + c) * cols)
          for p in 0..<cols { dst[p] += src[p] }
        }
      }
    }
  }

  func weightGradient(_ slotSum: [Float]) -> [Float] {
    // slotSum is dW' [(o, i', j'), c]; dweight[o, c, i, j] = dW'[(o, K-1-i, K-1-j), c].
    let k = g.kh
    var dw = uninitializedFloats(g.o * g.c * k * k)
    for o in 0..<g.o {
      for c in 0..<g.c {
        for i in 0..<k {
          for j in 0..<k { dw[((o * g.c + c) * k + i) * k + j] = slotSum[((o * k + (k - 1 - i)) * k + (k - 1 - j)) * g.c + c] }
        }
      }
    }
    return dw
  }
}
