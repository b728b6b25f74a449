from papersearch.cli.main import main

main()
