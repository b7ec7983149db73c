// A small decoder-only Transformer language model (GPT-2's layout, shrunk): learned token and
// position embeddings, pre-norm blocks of causal self-attention and a GELU MLP, each added to
// the residual stream, a final layer norm and a linear head over the vocabulary.
//
//   ids [B,T] (token ids as a float tensor)          T <= context
//   h = tok[ids] + pos[0..<T]                        [B,T,C]
//   block: h += proj(attention(split(qkv(ln1(h)))))  q, k, v [B,H,T,C/H]
//          h += fc2(gelu(fc1(ln2(h))))               hidden 4C
//   logits = head(lnf(h))                            [B,T,V]
import Tensor

/// Multi-head causal self-attention with fused q/k/v projection.
public final class CausalSelfAttention: Module {
  public let heads: Int
  let qkv: Linear, proj: Linear

  public init(dModel: Int, heads: Int, name: String, rng: inout RNG) {
    precondition(dModel % heads == 0, "CausalSelfAttention: dModel \(dModel) not divisible by \(heads) heads")
    self.heads = heads
    qkv = Linear(dModel, 3 * dModel, name: "\(name).qkv", rng: &rng)
    proj = Linear(dModel, dModel, name: "\(name).proj", rng: &rng)
  }

  /// x [B,T,C] -> [B,T,C].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    let (b, t, c) = (x.shape[0], x.shape[1], x.shape[2])
    let both = qkv(x)  // [B,T,3C]
    func head(_ i: Int) -> Tensor {  // [B,T,C] -> [B,H,T,C/H]
      both.slice(axis: 2, (i * c)..<((i + 1) * c)).reshape([b, t, heads, c / heads]).permute([0, 2, 1, 3])
    }
    let y = Tensor.causalAttention(q: head(0), k: head(1), v: head(2))
    return proj(y.permute([0, 2, 1, 3]).reshape([b, t, c]))
  }

  public var parameters: [(name: String, tensor: Tensor)] { qkv.parameters + proj.parameters }
}

/// A pre-norm Transformer block.
public final class TransformerBlock: Module {
  let ln1: LayerNorm, attention: CausalSelfAttention, ln2: LayerNorm, fc1: Linear, fc2: Linear

  public init(dModel: Int, heads: Int, name: String, rng: inout RNG) {
    ln1 = LayerNorm(dModel, name: "\(name).ln1")
    attention = CausalSelfAttention(dModel: dModel, heads: heads, name: "\(name).attn", rng: &rng)
    ln2 = LayerNorm(dModel, name: "\(name).ln2")
    fc1 = Linear(dModel, 4 * dModel, name: "\(name).fc1", rng: &rng)
    fc2 = Linear(4 * dModel, dModel, name: "\(name).fc2", rng: &rng)
  }

  /// x [B,T,C] -> [B,T,C].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    let h = x + attention(ln1(x))
    return h + fc2(fc1(ln2(h)).gelu())
  }

  var modules: [any Module] { [ln1, attention, ln2, fc1, fc2] }
  public var parameters: [(name: String, tensor: Tensor)] { modules.flatMap(\.parameters) }
}

/// A decoder-only language model over token ids.
public final class Transformer: Model {
  public let vocab: Int, context: Int, dModel: Int
  let tokens: Embedding, positions: Embedding
  let blocks: [TransformerBlock]
  let lnf: LayerNorm, head: Linear

  public init(vocab: Int, context: Int, dModel: Int, heads: Int, layers: Int, rng: inout RNG) {
    (self.vocab, self.context, self.dModel) = (vocab, context, dModel)
    tokens = Embedding(vocab, dModel, std: 0.02, name: "tok", rng: &rng)
    positions = Embedding(context, dModel, std: 0.02, name: "pos", rng: &rng)
    blocks = (0..<layers).map { TransformerBlock(dModel: dModel, heads: heads, name: "blocks.\($0)", rng: &rng) }
    lnf = LayerNorm(dModel, name: "lnf")
    head = Linear(dModel, vocab, name: "head", rng: &rng)
  }

  /// Token ids [B,T] (integral floats in 0..<vocab) -> next-token logits [B,T,V].
  public func callAsFunction(_ ids: Tensor) -> Tensor {
    precondition(ids.rank == 2 && ids.shape[1] <= context, "Transformer: ids \(ids.shape) must be [B,T] with T <= \(context)")
    let (b, t) = (ids.shape[0], ids.shape[1])
    let tok = tokens(ids.data.map { Int($0) }, shape: [b, t])  // [B,T,C]
    let pos = positions(Array(0..<t))  // [T,C], broadcast over B
    var h = tok + pos
    for block in blocks { h = block(h) }
    return head(lnf(h))
  }

  var modules: [any Module] { [tokens, positions] + blocks + [lnf, head] }
  public var parameters: [(name: String, tensor: Tensor)] { modules.flatMap(\.parameters) }
}
