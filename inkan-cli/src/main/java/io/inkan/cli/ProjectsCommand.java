package io.inkan.cli;

import io.inkan.core.api.ProjectRequest;
import io.inkan.core.api.ProjectView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** Projects own keys and profiles and are the unit signer tokens are confined to. */
@Command(name = "projects", description = "Create and list projects (admin).",
        subcommands = {ProjectsCommand.Create.class, ProjectsCommand.ListProjects.class})
final class ProjectsCommand {

    static Table table(List<ProjectView> projects) {
        Table table = new Table("NAME", "DESCRIPTION", "CREATED");
        projects.forEach(p -> table.row(p.name(), p.description(), p.createdAt()));
        return table;
    }

    @Command(name = "create", description = "Create a project.")
    static final class Create extends BaseCommand {
        @Parameters(paramLabel = "NAME")
        String name;

        @Option(names = "--description", paramLabel = "TEXT")
        String description;

        @Mixin
        OutputOptions output;

        @Override
        void run() {
            ProjectView created = client().admin().createProject(new ProjectRequest(name, description));
            output.print(out(), created, () -> table(List.of(created)));
        }
    }

    @Command(name = "list", description = "List projects.")
    static final class ListProjects extends BaseCommand {
        @Mixin
        OutputOptions output;

        @Override
        void run() {
            List<ProjectView> projects = client().admin().listProjects();
            output.print(out(), projects, () -> table(projects));
        }
    }
}
