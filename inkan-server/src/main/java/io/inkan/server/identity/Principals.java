package io.inkan.server.identity;

import io.inkan.core.api.PrincipalView;
import io.inkan.server.infra.cache.ConfigurationGeneration;
import io.inkan.server.infra.problem.Problem;
import io.inkan.server.infra.problem.Refusal;
import io.inkan.server.projects.Names;
import io.inkan.server.projects.Project;
import io.inkan.server.projects.Projects;
import org.springframework.stereotype.Service;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * People and machines with role bindings (A3): one principal may hold several roles in several
 * projects; client certificates identify them (A1). Administrators manage all of this, but never
 * grant themselves anything and never hold a role that signs, approves or keeps keys (A3).
 */
@Service
public class Principals {

    static final Set<String> KINDS = Set.of("human", "machine");

    private static final int CACHED_PRINCIPALS = 10_000;

    private final PrincipalRepository repository;
    private final Projects projects;
    private final ConfigurationGeneration.Cache<CertificateId, InkanPrincipal> byCertificate;
    private final ConfigurationGeneration.Cache<String, InkanPrincipal> byName;

    Principals(PrincipalRepository repository, Projects projects, ConfigurationGeneration generation) {
        this.repository = repository;
        this.projects = projects;
        this.byCertificate = generation.cache(CACHED_PRINCIPALS);
        this.byName = generation.cache(CACHED_PRINCIPALS);
    }

    public PrincipalView create(String name, String kind) {
        Names.require("Principal", name);
        String normalisedKind = kind == null ? "" : kind.trim().toLowerCase(Locale.ROOT);
        if (!KINDS.contains(normalisedKind)) {
            throw new Refusal(Problem.INVALID_KIND, "kind must be 'human' or 'machine'");
        }
        if (repository.findByName(name).isPresent()) {
            throw new Refusal(Problem.PRINCIPAL_EXISTS, "Principal '" + name + "' already exists");
        }
        repository.insert(UUID.randomUUID().toString(), name, normalisedKind);
        return view(name);
    }

    public List<PrincipalView> list() {
        return repository.findAll().stream().map(p -> view(p.name())).toList();
    }

    public PrincipalView view(String name) {
        PrincipalRepository.StoredPrincipal stored = stored(name);
        return new PrincipalView(stored.name(), stored.kind(),
                repository.bindings(stored.id()).stream().map(RoleBinding::describe).toList(),
                repository.certificates(stored.id()));
    }

    /**
     * Grants {@code role} (in {@code project} unless it is {@code admin}) on behalf of {@code grantorId};
     * returns the binding. Nobody grants a role to themselves, and administrators cannot sign: a signing
     * duty is refused to an administrator, and the administrator role to anyone holding a signing duty
     * (withdraw those first, each one an audited change) rather than silently removing them, which could
     * leave a key without its custodians.
     */
    public RoleBinding bind(String name, String roleName, String projectName, String grantorId) {
        PrincipalRepository.StoredPrincipal stored = stored(name);
        RoleBinding binding = binding(roleName, projectName);
        if (stored.id().equals(grantorId)) {
            throw new Refusal(Problem.SELF_GRANT,
                    "Nobody may grant a role to themselves; another administrator must grant " + binding.describe());
        }
        if (repository.hasBinding(stored.id(), binding.role(), binding.projectId())) {
            throw new Refusal(Problem.BINDING_EXISTS,
                    "Principal '" + name + "' already holds " + binding.describe());
        }
        List<RoleBinding> held = repository.bindings(stored.id());
        if (binding.role().signingDuty() && held.stream().anyMatch(b -> b.role() == Role.ADMIN)) {
            throw cannotSign("Principal '" + name + "' is an administrator, and administrators cannot sign: "
                    + binding.describe() + " is refused");
        }
        List<String> duties = held.stream().filter(b -> b.role().signingDuty()).map(RoleBinding::describe).toList();
        if (binding.role() == Role.ADMIN && !duties.isEmpty()) {
            throw cannotSign("Principal '" + name + "' holds " + String.join(", ", duties)
                    + "; administrators cannot sign, so withdraw those roles before granting admin");
        }
        repository.bind(stored.id(), binding.role(), binding.projectId());
        return binding;
    }

    private static Refusal cannotSign(String detail) {
        return new Refusal(Problem.ADMINISTRATORS_CANNOT_SIGN, detail);
    }

    public RoleBinding unbind(String name, String roleName, String projectName) {
        PrincipalRepository.StoredPrincipal stored = stored(name);
        RoleBinding binding = binding(roleName, projectName);
        if (!repository.unbind(stored.id(), binding.role(), binding.projectId())) {
            throw Refusal.notFound("Role binding", binding.describe());
        }
        return binding;
    }

    /** Registers a PEM client certificate as identifying {@code name}; returns its issuer and serial. */
    public String addCertificate(String name, String pem) {
        PrincipalRepository.StoredPrincipal stored = stored(name);
        X509Certificate certificate = parse(pem);
        CertificateId id = CertificateId.of(certificate);
        if (repository.certificateKnown(id.issuer(), id.serial())) {
            throw new Refusal(Problem.CERTIFICATE_REGISTERED,
                    "This certificate already identifies a principal");
        }
        repository.addCertificate(stored.id(), id.issuer(), id.serial(),
                certificate.getSubjectX500Principal().getName());
        return id.toString();
    }

    /** Registers an already parsed certificate, e.g. one the bootstrap just issued. */
    void addCertificate(String name, X509Certificate certificate) {
        CertificateId id = CertificateId.of(certificate);
        repository.addCertificate(stored(name).id(), id.issuer(), id.serial(),
                certificate.getSubjectX500Principal().getName());
    }

    /**
     * The principal registered for this certificate's issuer and serial, with its role bindings; cached
     * under the configuration generation (decision 013), since every request with a certificate asks.
     */
    public Optional<InkanPrincipal> byCertificate(X509Certificate certificate) {
        return Optional.ofNullable(byCertificate.get(CertificateId.of(certificate),
                id -> repository.findByCertificate(id.issuer(), id.serial()).map(this::principal).orElse(null)));
    }

    /** The principal of this name, for subject-field mapping and directory lookups; cached like certificates. */
    public Optional<InkanPrincipal> byName(String name) {
        return Optional.ofNullable(byName.get(name,
                key -> repository.findByName(key).map(this::principal).orElse(null)));
    }

    boolean anyAdmin() {
        return repository.anyAdmin();
    }

    private InkanPrincipal principal(PrincipalRepository.StoredPrincipal stored) {
        return new InkanPrincipal(stored.id(), stored.name(), stored.kind(), repository.bindings(stored.id()));
    }

    private PrincipalRepository.StoredPrincipal stored(String name) {
        return repository.findByName(name).orElseThrow(() -> Refusal.notFound("Principal", name));
    }

    private RoleBinding binding(String roleName, String projectName) {
        Role role = Role.fromApiName(roleName);
        if (role == null) {
            throw new Refusal(Problem.INVALID_ROLE,
                    "role must be 'admin', 'signer', 'approver', 'custodian' or 'auditor'");
        }
        if (!role.projectScoped()) {
            if (projectName != null) {
                throw new Refusal(Problem.INVALID_SCOPE, "The admin role is not bound to a project");
            }
            return new RoleBinding(role, null, null);
        }
        if (projectName == null) {
            throw new Refusal(Problem.PROJECT_REQUIRED, "A " + role.apiName() + " role needs a project");
        }
        Project project = projects.get(projectName);
        return new RoleBinding(role, project.id(), project.name());
    }

    private static X509Certificate parse(String pem) {
        if (pem == null || pem.length() > 20_000) {
            throw new Refusal(Problem.INVALID_CERTIFICATE, "certificate must be one PEM certificate");
        }
        try {
            List<X509Certificate> certificates = CertificateId.parse(pem);
            if (certificates.size() != 1) {
                throw new Refusal(Problem.INVALID_CERTIFICATE, "certificate must be one PEM certificate");
            }
            return certificates.get(0);
        } catch (GeneralSecurityException | RuntimeException e) {
            if (e instanceof Refusal problem) {
                throw problem;
            }
            throw new Refusal(Problem.INVALID_CERTIFICATE, "certificate is not a valid PEM certificate");
        }
    }
}
