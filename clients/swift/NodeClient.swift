// A minimal node written against the generated TidegateProtocol models: it answers the
// gateway's connect.challenge with a signed `connect`, then serves `echo` invocations.
// No Swift compiler exists on the machines that build tidegate: this file is checked by
// parsing it with tree-sitter-swift and by matching every model it names against the
// generated package (see swift-consumer.test.ts). Build it on macOS with the package in
// generated/swift as a dependency.
import CryptoKit
import Foundation
import TidegateProtocol

enum NodeClientError: Error {
    case refused(code: String, message: String)
}

/// Encode any model as the protocol's untyped JSON value.
func anyJSON<T: Encodable>(_ value: T) throws -> JSONAny {
    try JSONDecoder().decode(JSONAny.self, from: JSONEncoder().encode(value))
}

/// Decode an untyped JSON value as a model.
func model<T: Decodable>(_ type: T.Type, from value: JSONAny) throws -> T {
    try JSONDecoder().decode(type, from: JSONEncoder().encode(value))
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
        let text = String(decoding: try JSONEncoder().encode(frame), as: UTF8.self)
        task?.send(.string(text)) { _ in }
    }

    private func handle(_ data: Data) throws {
        if let event = try? JSONDecoder().decode(EventFrame.self, from: data), let payload = event.payload {
            switch event.event {
            case EventName.connectChallenge.rawValue:
                try connect(challenge: model(ConnectChallenge.self, from: payload))
            case EventName.nodeInvokeRequest.rawValue:
                try answer(model(NodeInvokeRequestEvent.self, from: payload))
            default:
                break
            }
            return
        }
        let response = try JSONDecoder().decode(ResponseFrame.self, from: data)
        if response.id == connectID, !response.ok, let error = response.error {
            throw NodeClientError.refused(code: error.code.rawValue, message: error.message)
        }
    }

    private func connect(challenge: ConnectChallenge) throws {
        let client = ConnectClient(deviceFamily: nil, displayName: "swift-node", id: "swift-node", instanceID: nil, mode: .node, modelIdentifier: nil, platform: "ios", version: "0.1.0")
        let signedAt = Int(Date().timeIntervalSince1970 * 1000)
        let fields = ["v3", deviceID, client.id, "node", "node", "", String(signedAt), token, challenge.nonce, "ios", ""]
        let signature = try key.signature(for: Data(fields.joined(separator: "|").utf8))
        let proof = DeviceProof(id: deviceID, nonce: challenge.nonce, publicKey: publicKey, signature: Data(signature).base64URL, signedAt: signedAt)
        let params = ConnectParams(
            auth: ConnectAuth(deviceToken: nil, password: nil, token: token), caps: ["echo"], client: client, commands: ["echo"],
            device: proof, locale: nil, maxProtocol: ProtocolInfo.version, minProtocol: ProtocolInfo.version, pathEnv: nil,
            permissions: nil, role: .node, scopes: [], userAgent: nil
        )
        let id = UUID().uuidString
        connectID = id
        try send(RequestFrame(id: id, method: "connect", params: try anyJSON(params), type: .req))
    }

    private func answer(_ request: NodeInvokeRequestEvent) throws {
        let ok = request.command == "echo"
        let result = NodeInvokeResultParams(
            error: ok ? nil : NodeInvokeError(code: "UNKNOWN_COMMAND", message: "swift node serves only echo"),
            id: request.id, nodeID: request.nodeID, ok: ok, payload: nil, payloadJSON: ok ? (request.paramsJSON ?? "null") : nil
        )
        try send(RequestFrame(id: UUID().uuidString, method: MethodName.nodeInvokeResult.rawValue, params: try anyJSON(result), type: .req))
    }
}
