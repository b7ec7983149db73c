// A small residual CNN for 1x28x28 images (Fashion-MNIST), in the style of He et al. 2016's
// CIFAR ResNets, shrunk: a 3x3 stem, then three stages of one basic block each at 16, 32 and
// 64 channels (the second and third halve the resolution: 28 -> 14 -> 7), global average
// pooling and a linear classifier.
//
//   x [B,1,28,28] (or [B,784])
//   stem:   conv3x3(1->16) BN ReLU                                  [B,16,28,28]
//   block:  conv3x3(stride s) BN ReLU conv3x3 BN  + shortcut, ReLU  (shortcut: identity, or
//           conv1x1(stride s) BN when the shape changes)            [B,16,28,28] [B,32,14,14] [B,64,7,7]
//   head:   global average pool, linear(64 -> classes)              [B,classes]
//
// Hooks for techniques that change the network's depth or its trainable part: a block's
// residual branch can be switched off (the block is then its shortcut alone and the branch
// costs nothing) or scaled in evaluation mode, and a prefix of the model's units can be run
// without recording the autodiff graph, so that backward stops at its output; and how each
// block is applied can be replaced as a whole.
import Tensor

/// conv-BN-ReLU-conv-BN plus a shortcut, then ReLU.
public final class BasicBlock: Module {
  let conv1: Conv2d, bn1: BatchNorm, conv2: Conv2d, bn2: BatchNorm
  let shortcut: (Conv2d, BatchNorm)?
  /// Whether the residual branch runs. When false the block computes relu(shortcut(x)) only:
  /// the branch costs no FLOPs forward or backward and its parameters get no gradient.
  public var branchEnabled = true
  /// Multiplies the residual branch in evaluation mode (`Tensor.isTraining` false), as
  /// stochastic depth scales a branch by its survival probability; 1 by default.
  public var evaluationBranchScale: Float = 1

  /// The last batch norm of the residual branch, whose output is added to the shortcut.
  public var branchNorm: BatchNorm { bn2 }
  /// Whether the shortcut is the identity (same shape in and out) rather than a projection.
  public var hasIdentityShortcut: Bool { shortcut == nil }

  public init(_ inChannels: Int, _ outChannels: Int, stride: Int, name: String, rng: inout RNG) {
    // Convolutions before batch norm need no bias: BN's own bias absorbs it.
    conv1 = Conv2d(inChannels, outChannels, kernel: 3, stride: stride, padding: 1, bias: false, name: "\(name).conv1", rng: &rng)
    bn1 = BatchNorm(outChannels, name: "\(name).bn1")
    conv2 = Conv2d(outChannels, outChannels, kernel: 3, padding: 1, bias: false, name: "\(name).conv2", rng: &rng)
    bn2 = BatchNorm(outChannels, name: "\(name).bn2")
    shortcut =
      stride == 1 && inChannels == outChannels
      ? nil
      : (Conv2d(inChannels, outChannels, kernel: 1, stride: stride, bias: false, name: "\(name).shortcut.conv", rng: &rng),
         BatchNorm(outChannels, name: "\(name).shortcut.bn"))
  }

  /// x [B,C,H,W] -> [B,O,H/stride,W/stride].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    let skip = shortcut.map { conv, bn in bn(conv(x)) } ?? x
    guard branchEnabled else { return skip.relu() }
    var h = bn2(conv2(bn1(conv1(x)).relu()))
    if !Tensor.isTraining && evaluationBranchScale != 1 { h = h * evaluationBranchScale }
    return (h + skip).relu()
  }

  var modules: [any Module] { [conv1, bn1, conv2, bn2] + (shortcut.map { [$0.0, $0.1] } ?? []) }
  public var parameters: [(name: String, tensor: Tensor)] { modules.flatMap(\.parameters) }
  public var buffers: [(name: String, tensor: Tensor)] { modules.flatMap(\.buffers) }
}

/// Stem, three residual stages and a linear head; see the file header for shapes.
public final class ResidualCNN: Model {
  public let inChannels: Int
  let stem: Conv2d, stemNorm: BatchNorm
  /// The residual blocks, one per stage, in order.
  public let blocks: [BasicBlock]
  let head: Linear
  /// How many leading units (see `units`) run without recording the autodiff graph: their
  /// output is detached, so backward stops there, their parameters get no gradient (an
  /// optimizer then skips them) and they cost forward FLOPs only. Batch norms inside them
  /// still use batch statistics in training. 0 (the default) trains everything.
  public var frozenUnits = 0 {
    didSet { precondition((0..<units.count).contains(frozenUnits), "ResidualCNN: frozenUnits \(frozenUnits) not in 0..<\(units.count)") }
  }

  /// How the forward pass applies a residual block; nil applies it directly. A technique that
  /// changes how blocks are run as a whole (activation checkpointing) sets it.
  public var blockRunner: ((BasicBlock, Tensor) -> Tensor)?

  public init(inChannels: Int = 1, widths: [Int] = [16, 32, 64], classes: Int = 10, rng: inout RNG) {
    precondition(!widths.isEmpty, "ResidualCNN: needs at least one stage width")
    self.inChannels = inChannels
    stem = Conv2d(inChannels, widths[0], kernel: 3, padding: 1, bias: false, name: "stem.conv", rng: &rng)
    stemNorm = BatchNorm(widths[0], name: "stem.bn")
    var blocks: [BasicBlock] = []
    var channels = widths[0]
    for (i, width) in widths.enumerated() {
      blocks.append(BasicBlock(channels, width, stride: i == 0 ? 1 : 2, name: "stage\(i + 1)", rng: &rng))
      channels = width
    }
    self.blocks = blocks
    head = Linear(channels, classes, name: "head", rng: &rng)
  }

  /// Images x [B,C,H,W], or flattened square images [B,C*H*W] -> logits [B,classes].
  public func callAsFunction(_ x: Tensor) -> Tensor {
    var h = x
    if x.rank == 2 {
      let side = Int(Double(x.shape[1] / inChannels).squareRoot())
      precondition(side * side * inChannels == x.shape[1], "ResidualCNN: cannot view \(x.shape) as square images")
      h = x.reshape([x.shape[0], inChannels, side, side])
    }
    // Unit i runs without a graph when it is frozen.
    func unit(_ i: Int, _ body: () -> Tensor) -> Tensor { i < frozenUnits ? Tensor.noGrad(body) : body() }
    let input = h
    h = unit(0) { stemNorm(stem(input)).relu() }
    for (i, block) in blocks.enumerated() {
      let x = h
      h = unit(i + 1) { blockRunner?(block, x) ?? block(x) }
    }
    return head(h.globalAvgPool())
  }

  /// The units of the network in forward order, as lists of named parameters: the stem (conv
  /// and batch norm), each residual block, then the head.
  public var units: [[(name: String, tensor: Tensor)]] {
    [stem.parameters + stemNorm.parameters] + blocks.map(\.parameters) + [head.parameters]
  }

  var modules: [any Module] { [stem, stemNorm] + blocks + [head] }
  public var parameters: [(name: String, tensor: Tensor)] { modules.flatMap(\.parameters) }
  public var buffers: [(name: String, tensor: Tensor)] { modules.flatMap(\.buffers) }
}
