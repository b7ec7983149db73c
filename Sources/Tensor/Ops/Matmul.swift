// Matrix products through BLAS (BLAS.swift), with their pullbacks.
//
//   matmul: y[..,N] = a[..,K] . b[K,N]     (leading dims of a flattened into M rows)
//           da += dy . bT      db += aT . dy          (sgemm with beta = 1, accumulating)
//           many rows: y and da split by rows among the engine's threads, see below
//   bmm:    y[..,M,N] = a[..,M,K] . b[..,K,N]   one sgemm per batch entry, the entries shared
//           among the engine's threads; with transposeB b is [..,N,K] and used as bT
//           (attention's q . kT without a transposed copy)

extension Tensor {
  /// Matrix product of a [..,K] tensor (leading dimensions act as rows) and a [K,N] tensor.
  public func matmul(_ b: Tensor) -> Tensor {
    let a = self
    precondition(
      a.rank >= 2 && b.rank == 2 && a.shape[a.rank - 1] == b.shape[0],
      "matmul: shapes \(a.shape) and \(b.shape) do not chain ([..,K] . [K,N])")
    let (k, n) = (b.shape[0], b.shape[1])
    let m = a.count / k
    let y = [Float](unsafeUninitializedCapacity: m * n) { yv, initialized in  // beta 0 overwrites
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          let (ap, bp, yp) = (av.baseAddress!, bv.baseAddress!, yv.baseAddress!)
          blockedProduct(GEMMShape(m: m, n: n, k: k), blocks: m, when: m >= minSplitRows) { rows in
            gemm(yp + rows.lowerBound * n, ap + rows.lowerBound * k, bp, m: rows.count, n: n, k: k)
          }
        }
      }
      initialized = m * n
    }
    countForward("matmul", 2 * m * n * k)
    return Tensor(shape: a.shape.dropLast() + [n], data: y, op: "matmul", inputs: [a, b]) { out in
      guard let dy = out.grad else { return }
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          dy.withUnsafeBufferPointer { gv in
            let (ap, bp, gp) = (av.baseAddress!, bv.baseAddress!, gv.baseAddress!)
            if a.requiresGrad {  // da [M,K] = dy . bT, by rows
              countBackward("matmul", 2 * m * n * k)
              a.accumulateGrad { da, beta in
                let dp = da.baseAddress!
                blockedProduct(GEMMShape(m: m, n: k, k: n, transB: true), blocks: m, when: m >= minSplitRows) { rows in
                  gemm(dp + rows.lowerBound * k, gp + rows.lowerBound * n, bp, m: rows.count, n: k, k: n, transB: true, beta: beta)
                }
              }
            }
            if b.requiresGrad {  // db [K,N] = aT . dy on OpenBLAS's threads (see below)
              countBackward("matmul", 2 * m * n * k)
              b.accumulateGrad { db, beta in gemm(db.baseAddress!, ap, gp, m: k, n: n, k: m, transA: true, beta: beta) }
            }
          }
        }
      }
    }
  }

  /// Batched matrix product: a [..,M,K] . b [..,K,N] -> [..,M,N], or with `transposeB`
  /// a [..,M,K] . (b [..,N,K])T, times `alpha` (sgemm's own scale: attention's 1/sqrt(d)
  /// without a pass of its own). Leading dimensions must be equal (no broadcasting).
  public func bmm(_ b: Tensor, transposeB: Bool = false, alpha: Float = 1) -> Tensor {
    let a = self
    precondition(
      a.rank >= 3 && a.rank == b.rank && Array(a.shape.dropLast(2)) == Array(b.shape.dropLast(2)),
      "bmm: shapes \(a.shape) and \(b.shape) need equal leading (batch) dimensions")
    let (m, k) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (bk, n) = transposeB ? (b.shape[b.rank - 1], b.shape[b.rank - 2]) : (b.shape[b.rank - 2], b.shape[b.rank - 1])
    precondition(k == bk, "bmm: shapes \(a.shape) and \(b.shape)\(transposeB ? " (transposed)" : "") do not chain")
    let batch = a.count / (m * k)
    let (sa, sb, sy) = (m * k, k * n, m * n)
    let y = [Float](unsafeUninitializedCapacity: batch * sy) { yv, initialized in  // beta 0 overwrites
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          let (ap, bp, yp) = (av.baseAddress!, bv.baseAddress!, yv.baseAddress!)
          eachBatchEntry(batch, GEMMShape(m: m, n: n, k: k, transB: transposeB)) { i in
            gemm(yp + i * sy, ap + i * sa, bp + i * sb, m: m, n: n, k: k, transB: transposeB, alpha: alpha)
          }
        }
      }
      initialized = batch * sy
    }
    countForward("bmm", 2 * batch * m * n * k)
    return Tensor(shape: a.shape.dropLast() + [n], data: y, op: "bmm", inputs: [a, b]) { out in
      guard let dy = out.grad else { return }
      a.data.withUnsafeBufferPointer { av in
        b.data.withUnsafeBufferPointer { bv in
          dy.withUnsafeBufferPointer { g in
            let (ap, bp, gp) = (av.baseAddress!, bv.baseAddress!, g.baseAddress!)
            if a.requiresGrad {
              countBackward("bmm", 2 * batch * m * n * k)
              a.accumulateGrad { da, beta in
                // da = dy . op(b)T: op(b) = b gives b transposed; op(b) = bT gives b itself.
                let dap = da.baseAddress!
                eachBatchEntry(batch, GEMMShape(m: m, n: k, k: n, transB: !transposeB)) { i in
                  gemm(dap + i * sa, gp + i * sy, bp + i * sb, m: m, n: k, k: n, transB: !transposeB, alpha: alpha, beta: beta)
                }
              }
            }
            if b.requiresGrad {
              countBackward("bmm", 2 * batch * m * n * k)
              b.accumulateGrad { db, beta in
                let dbp = db.baseAddress!
                if transposeB {  // d(b)[N,K] = dyT . a
                  eachBatchEntry(batch, GEMMShape(m: n, n: k, k: m, transA: true)) { i in
                    gemm(dbp + i * sb, gp + i * sy, ap + i * sa, m: n, n: k, k: m, transA: true, alpha: alpha, beta: beta)
                  }
                } else {  // d(b)[K,N] = aT . dy
                  eachBatchEntry(batch, GEMMShape(m: k, n: n, k: m, transA: true)) { i in
                    gemm(dbp + i * sb, ap + i * sa, gp + i * sy, m: k, n: n, k: m, transA: true, alpha: alpha, beta: beta)
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}

/// Runs `product(i)` for every batch entry i. From two entries on, the entries are shared
/// among the engine's threads, each product single-threaded in OpenBLAS: attention's
/// products are small (128x32x128 in the benchmark's Transformer), and OpenBLAS's own two
/// threads ran them no faster than one (17-35 against 22-24 GFLOP/s). Every product is then
/// computed the same way on any thread count, so the results do not depend on the split. A
/// single entry keeps OpenBLAS's threads.
private func eachBatchEntry(_ batch: Int, _ shape: GEMMShape, _ product: (Int) -> Void) {
  guard batch > 1 else { return (0..<batch).forEach(product) }
  noteGEMMs(Array(repeating: shape, count: batch))
  shareCallingBLAS(batch) { entries in entries.forEach(product) }
}

// Products with many rows (the Transformer's linear layers: 4,096 token rows) are cut into
// one block of rows per engine thread, each a single-threaded sgemm (`eachThreadCallingBLAS`),
// rather than left to OpenBLAS's own threads. Measured at two threads (`hasten bench engine
// --shape transformer --profile`): forward matmuls 60 -> 52 ms per step, the step 276 -> 251
// ms. Each element is still one whole dot product, computed the same way in any block of rows
// (tested), and blocked products hold OpenBLAS to one thread on one engine thread too, so the
// results do not depend on the thread count. The weight gradient (a sum over the rows) stays
// on OpenBLAS's threads: splitting it by its own rows or columns changed its last bits with
// the thread count, for about 3 ms.
let minSplitRows = 512

/// Runs `product` over 0..<blocks: one range per engine thread (each a single-threaded sgemm)
/// when `split`, else the whole range at once on OpenBLAS's own threads.
private func blockedProduct(_ shape: GEMMShape, blocks: Int, when split: Bool, _ product: (Range<Int>) -> Void) {
  guard split else { return product(0..<blocks) }
  noteGEMMs([shape])
  shareCallingBLAS(blocks, product)
}
