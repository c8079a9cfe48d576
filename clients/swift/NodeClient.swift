// A minimal node written against the generated TidegateProtocol package: it answers the
// gateway's connect.challenge with a signed `connect`, then serves `echo` invocations.
// Frames are decoded as `GatewayFrame` (events typed by name) and requests are built from the
// typed method descriptors in `Methods`. No Swift compiler exists on the machines that build
// tidegate: this file is checked by parsing it with tree-sitter-swift and by matching every
// model it constructs against the generated package (see swift-consumer.test.ts). Build it on
// macOS with the package (the repository root's Package.swift) as a dependency.
import CryptoKit
import Foundation
import TidegateProtocol

enum NodeClientError: Error {
    case refused(code: String, message: String)
}

extension Data {
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}

final class NodeClient {
    private let url: URL
    private let token: String
    private let key = Curve25519.Signing.PrivateKey()
    private var task: URLSessionWebSocketTask?
    private var connectID: String?

    init(url: URL, token: String) {
        self.url = url
        self.token = token
    }

    var publicKey: String { key.publicKey.rawRepresentation.base64URL }

    var deviceID: String {
        SHA256.hash(data: key.publicKey.rawRepresentation).map { String(format: "%02x", $0) }.joined()
    }

    func start() {
        let task = URLSession.shared.webSocketTask(with: url)
        self.task = task
        task.resume()
        receive()
    }

    private func receive() {
        task?.receive { [weak self] result in
            guard let self = self else { return }
            if case let .success(.string(text)) = result {
                try? self.handle(Data(text.utf8))
            }
            self.receive()
        }
    }

    private func send(_ frame: RequestFrame) throws {
        let text = String(decoding: try JSONEncoder().encode(GatewayFrame.request(frame)), as: UTF8.self)
        task?.send(.string(text)) { _ in }
    }

    private func handle(_ data: Data) throws {
        switch try JSONDecoder().decode(GatewayFrame.self, from: data) {
        case .event(_, .connectChallenge(let challenge)):
            try connect(challenge: challenge)
        case .event(_, .nodeInvokeRequest(let request)):
            try answer(request)
        case .response(let response) where response.id == connectID:
            do {
                _ = try Methods.connect.result(of: response)
            } catch let failure as GatewayCallError {
                throw NodeClientError.refused(code: failure.error?.code.rawValue ?? "", message: failure.error?.message ?? "")
            }
        default:
            break
        }
    }

    private func connect(challenge: ConnectChallenge) throws {
        let client = ConnectClient(id: "swift-node", displayName: "swift-node", version: "0.1.0", platform: "ios", mode: .node)
        let signedAt = Int(Date().timeIntervalSince1970 * 1000)
        let fields = ["v3", deviceID, client.id, "node", "node", "", String(signedAt), token, challenge.nonce, "ios", ""]
        let signature = try key.signature(for: Data(fields.joined(separator: "|").utf8))
        let proof = DeviceProof(id: deviceID, publicKey: publicKey, signature: Data(signature).base64URL, signedAt: signedAt, nonce: challenge.nonce)
        let params = ConnectParams(
            minProtocol: ProtocolInfo.version, maxProtocol: ProtocolInfo.version, client: client, caps: ["echo"], commands: ["echo"],
            role: .node, scopes: [], auth: ConnectAuth(token: token), device: proof
        )
        let id = UUID().uuidString
        connectID = id
        try send(Methods.connect.request(id: id, params: params))
    }

    private func answer(_ request: NodeInvokeRequestEvent) throws {
        let ok = request.command == "echo"
        let result = NodeInvokeResultParams(
            id: request.id, nodeID: request.nodeID, ok: ok, payloadJSON: ok ? .value(request.paramsJSON ?? "null") : .absent,
            error: ok ? nil : NodeInvokeError(code: "UNKNOWN_COMMAND", message: "swift node serves only echo")
        )
        try send(Methods.nodeInvokeResult.request(id: UUID().uuidString, params: result))
    }
}
