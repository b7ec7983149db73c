// Masked causal self-attention, composed from primitives (bmm, scale, causal softmax), so its
// gradient is the primitives' and needs no separate rule.
//   q, k, v [B,H,T,Dh] -> y [B,H,T,Dh]
//   y = softmax_causal(q . kT / sqrt(Dh)) . v      (position t attends to positions 0...t)
// Splitting and merging heads ([B,T,C] <-> [B,H,T,Dh]) is the layer's job (Training).

extension Tensor {
  /// Scaled dot-product attention of q over k and v [B,H,T,Dh] with a causal mask.
  public static func causalAttention(q: Tensor, k: Tensor, v: Tensor) -> Tensor {
    precondition(
      q.rank == 4 && q.shape == k.shape && q.shape == v.shape,
      "causalAttention: q \(q.shape), k \(k.shape), v \(v.shape) must all be [B,H,T,Dh]")
    let scale = 1 / Float(q.shape[3]).squareRoot()
    let scores = q.bmm(k, transposeB: true, alpha: scale)  // [B,H,T,T]
    return scores.softmax(causal: true).bmm(v)
  }
}
